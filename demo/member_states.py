"""Demo member states: the composition of the organisation's regional groups, and each
state's region for the attendance figures.

The names in the six languages are not typed here: they are the Unicode CLDR territory
names that Babel carries (``babel.Locale.parse("ar").territories["KE"]``), so they are
spelled as the major software libraries spell them. The Secretariat corrects a name, a
group or a region in the admin; the loader writes a row only when a value differs.

Two tables, both keyed by ISO 3166-1 codes:
- REGION_COUNTRIES: each region of the programme (the demo's region codes) and its
  countries. An Arab state belongs to the Arab region only, so no attendee is counted
  twice. It also places a few territories that are not member states (Hong Kong, Macao,
  Palestine, an observer): their participants are still counted in their region.
- GROUP_COUNTRIES: each regional group (the demo's group codes) and its member states.
  The Arab states sit in the African Group or in the Asia and the Pacific Group; Japan,
  Australia, New Zealand, Israel, Türkiye and Cyprus in Group B; China is a group of its own.
"""

from datetime import timedelta

from babel import Locale

from proposals.models import CandidateTopic, Delegate, Proposal, StateRequest
from webinars.models import MemberState

REGION_COUNTRIES: dict[str, str] = {
    "africa": (
        "AO BJ BW BF BI CV CM CF TD CG CD CI GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MU MZ NA NE NG RW ST SN "
        "SC SL ZA SS TZ TG UG ZM ZW"
    ),
    "arab": "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE",
    "asia-pacific": (
        "AF BD BT BN KH CN FJ IN ID IR JP KI KP KR LA MY MV MH FM MN MM NR NP PK PW PG PH WS SG SB LK TH TL TO TV "
        "VU VN CK NU HK MO"
    ),
    "lac": "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE",
    "central-europe": "AL BA BG HR CZ EE HU LV LT ME MK PL RO RS SK SI",
    "central-asia": "AM AZ BY GE KZ KG MD RU TJ TM UA UZ",
    "western-europe": "AD AU AT BE CA CY DK FI FR DE GR VA IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US",
}

GROUP_COUNTRIES: dict[str, str] = {
    "african": (
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA "
        "MZ NA NE NG RW ST SN SC SL SO ZA SS SD TG TN UG TZ ZM ZW"
    ),
    "asia-pacific": (
        "AF BH BD BT BN KH CK KP FJ IN ID IR IQ JO KI KW LA LB MY MV MH FM MN MM NR NP NU OM PK PW PG PH QA KR WS "
        "SA SG SB LK SY TH TL TO TV AE VU VN YE"
    ),
    "grulac": "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE",
    "cebs": "AL BA BG HR CZ EE HU LV LT ME MK PL RO RS SK SI",
    "caceec": "AM AZ BY GE KZ KG MD RU TJ TM UA UZ",
    "group-b": "AD AU AT BE CA CY DK FI FR DE GR VA IS IE IL IT JP LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US",
    "china": "CN",
}

# Babel's locale for each of the portal's six languages.
BABEL_LOCALES = {"en": "en", "fr": "fr", "es": "es", "ar": "ar", "zh-hans": "zh_Hans", "ru": "ru"}


def region_of_country() -> dict[str, str]:
    return {country: region for region, countries in REGION_COUNTRIES.items() for country in countries.split()}


def group_of_country() -> dict[str, str]:
    return {country: group for group, countries in GROUP_COUNTRIES.items() for country in countries.split()}


def territory_names(code: str) -> dict[str, str]:
    """The territory's name in the six languages, from Babel's CLDR data."""
    return {language: Locale.parse(locale).territories[code] for language, locale in BABEL_LOCALES.items()}


def member_state_rows() -> list[dict]:
    """One row per country of either table: code, names, region code, group code, is_active.

    A country in no group (a territory or an observer) is kept for the attendance figures
    but inactive: it is not offered as a member state.
    """
    regions, groups = region_of_country(), group_of_country()
    return [
        {
            "code": code,
            "name": territory_names(code),
            "region": regions.get(code),
            "group": groups.get(code),
            "is_active": code in groups,
        }
        for code in sorted(set(regions) | set(groups))
    ]


def load_member_states(*, upsert, regions: dict, groups: dict) -> dict[str, MemberState]:
    """Every member state row, through the loader's ``upsert`` (written only when a value differs)."""
    return {
        row["code"]: upsert(
            MemberState,
            {"code": row["code"]},
            {
                "name": row["name"],
                "region": regions.get(row["region"]),
                "group": groups.get(row["group"]),
                "is_active": row["is_active"],
            },
        )
        for row in member_state_rows()
    }


# --- Delegates of member states, and their requests to the group ----------------------------

DELEGATES = [
    {"username": "delegate-kenya", "state": "KE", "language": "en", "first": "Wanjiru", "last": "Kamau"},
    {"username": "delegate-brazil", "state": "BR", "language": "es", "first": "Beatriz", "last": "Souza"},
]

# One request taken into the African Group's answer, one interest GRULAC declined.
STATE_REQUESTS = [
    {
        "state": "KE",
        "kind": "topic",
        "title": "Documenting traditional knowledge of medicinal plants",
        "objectives": "Know how registries and databases of traditional knowledge help examiners and communities.",
        "target_audience": "IP offices, community organisations, researchers.",
        "text": (
            "Kenya's communities of herbalists have asked for this; a webinar in English and French would reach them."
        ),
        "languages": ["en", "fr"],
        "sent_after_days": 2,
        "taken_into": ("african", "Valoriser les savoirs traditionnels : expériences africaines"),
        "decided_after_days": 4,
    },
    {
        "state": "BR",
        "kind": "interest",
        "candidate": "copyright-in-the-digital-environment",
        "text": "Brasil tiene interés en este tema para sus bibliotecas y archivos.",
        "languages": ["es", "pt"],
        "sent_after_days": 3,
        "decline_reason": (
            "GRULAC centra su respuesta de este año en su serie sobre el ciclo de la asistencia técnica; "
            "proponemos volver a este tema en la próxima consulta."
        ),
        "decided_after_days": 6,
    },
]


def load_delegates(loader, *, upsert, upsert_user, password: str) -> None:
    """The demo's delegates and their requests in the open consultation (written directly, no notice)."""
    delegates = {}
    for item in DELEGATES:
        user = upsert_user(
            item["username"],
            password,
            email=f"{item['username']}@delegations.example.org",
            first_name=item["first"],
            last_name=item["last"],
            language=item["language"],
            is_staff=False,
            is_superuser=False,
            is_active=True,
        )
        upsert(Delegate, {"user": user}, {"member_state": loader.member_states[item["state"]], "is_active": True})
        delegates[item["state"]] = user
    cycle = loader.open_cycle
    for item in STATE_REQUESTS:
        state = loader.member_states[item["state"]]
        group_code = next(code for code, group in loader.groups.items() if group.pk == state.group_id)
        sent_at = cycle.opens_at + timedelta(days=item["sent_after_days"])
        decided_at = cycle.opens_at + timedelta(days=item["decided_after_days"])
        values = {
            "kind": item["kind"],
            "objectives": item.get("objectives", ""),
            "target_audience": item.get("target_audience", ""),
            "text": item["text"],
            "created_by": delegates[item["state"]],
            "created_at": sent_at,
            "decided_by": loader.coordinator_of[group_code],
            "decided_at": decided_at,
        }
        if item["kind"] == "interest":
            candidate = CandidateTopic.objects.get(cycle=cycle, topic=loader.topics[item["candidate"]])
            lookup = {"cycle": cycle, "member_state": state, "candidate_topic": candidate}
        else:
            lookup = {"cycle": cycle, "member_state": state, "title": item["title"]}
        if "taken_into" in item:
            group, title = item["taken_into"]
            proposal = Proposal.objects.get(cycle=cycle, group=loader.groups[group], title=title)
            values.update(state=StateRequest.State.TAKEN, proposal=proposal)
            if not proposal.member_states.filter(pk=state.pk).exists():
                proposal.member_states.add(state)
        else:
            values.update(state=StateRequest.State.DECLINED, decline_reason=item["decline_reason"])
        upsert(StateRequest, lookup, values, m2m={"languages": loader.pick(loader.languages, item["languages"])})
