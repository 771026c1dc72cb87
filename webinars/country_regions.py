"""Which region of the programme a participant's country belongs to, for attendance figures.

Attendance is counted by country, region and type of participant. Regions are
data the Secretariat edits (webinars.Region: a code and a name, no countries), so this
module holds only the link from an ISO 3166-1 country code to a region *code*; the name
shown is the Region row's, in the page's language. A country missing here, or a region
code the database does not hold, is counted under "Other or unknown region", never
dropped. The regions follow the organisation's seven regional groupings (the demo data's
codes): an Arab state counts in the Arab region only, so no attendee is counted twice.
"""

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
    "western-europe": ("AD AU AT BE CA CY DK FI FR DE GR VA IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US"),
}

COUNTRY_REGION: dict[str, str] = {
    country: region for region, countries in REGION_COUNTRIES.items() for country in countries.split()
}


def region_code(country: str) -> str | None:
    """The region code of a two-letter country code, or None when the map does not know it."""
    return COUNTRY_REGION.get((country or "").strip().upper())
