"""A realistic catalogue for the benchmarks, written with bulk_create in one transaction.

Reference data (six languages, seven regions and groups, five scope areas), a roster of
experts, topics and graded series, webinars held (with materials and the answers to their
survey, some topic suggestions published) and scheduled, an
open consultation whose proposals were submitted by every group (some adopting a
candidate topic, some graded series with parts), plus what the public list must leave
out: drafts, withdrawn proposals and the proposals of a decided cycle.

Every translated field is filled in all six languages, so a page in any language reads
its own column and never falls back. build_catalogue() returns the counts it claims;
bench/tests checks them against the database.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from accounts.models import User
from proposals.models import CandidateTopic, ConsultationCycle, Coordinator, Proposal, ProposalPart
from webinars.models import (
    Expert,
    Feedback,
    Language,
    Material,
    Region,
    RegionalGroup,
    ScopeArea,
    Series,
    SuggestionReview,
    Topic,
    Webinar,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# A few words of the domain per language, enough to make titles and texts of realistic
# length in each script (Latin, Arabic, Cyrillic, Han).
_VOCABULARY = {
    "en": "patents trademarks copyright offices examination innovation technology-transfer small-businesses "
    "universities licensing enforcement data policy training management designs geographical-indications "
    "collective-management genetic-resources traditional-knowledge",
    "fr": "brevets marques droit-d’auteur offices examen innovation transfert-de-technologie petites-entreprises "
    "universités licences application-des-droits données politique formation gestion dessins "
    "indications-géographiques gestion-collective ressources-génétiques savoirs-traditionnels",
    "es": "patentes marcas derecho-de-autor oficinas examen innovación transferencia-de-tecnología pymes "
    "universidades licencias observancia datos política formación gestión diseños indicaciones-geográficas "
    "gestión-colectiva recursos-genéticos conocimientos-tradicionales",
    "ar": "البراءات العلامات حق-المؤلف المكاتب الفحص الابتكار نقل-التكنولوجيا المشاريع-الصغيرة الجامعات "
    "الترخيص الإنفاذ البيانات السياسات التدريب الإدارة التصاميم البيانات-الجغرافية الإدارة-الجماعية "
    "الموارد-الوراثية المعارف-التقليدية",
    "ru": "патенты товарные-знаки авторское-право ведомства экспертиза инновации передача-технологий "
    "малые-предприятия университеты лицензирование защита-прав данные политика обучение управление "
    "образцы географические-указания коллективное-управление генетические-ресурсы традиционные-знания",
    "zh-hans": "专利 商标 版权 知识产权局 审查 创新 技术转让 中小企业 大学 许可 执法 数据 政策 培训 管理 外观设计 "
    "地理标志 集体管理 遗传资源 传统知识",
}
WORDS = {language: text.split() for language, text in _VOCABULARY.items()}
CONNECTOR = {"en": "and", "fr": "et", "es": "y", "ar": "و", "ru": "и", "zh-hans": "与"}
NOUN = {
    "en": "Webinar",
    "fr": "Webinaire",
    "es": "Seminario web",
    "ar": "ندوة",
    "ru": "Вебинар",
    "zh-hans": "网络研讨会",
}

REGION_CODES = ["africa", "arab", "asia-pacific", "lac", "central-europe", "central-asia", "western-europe"]
GROUP_CODES = ["african", "asia-pacific", "cebs", "grulac", "group-b", "caceec", "china"]
SCOPE_CODES = ["b", "c", "d", "e", "f"]

TOPICS = 150
EXPERTS = 120
CANDIDATE_TOPICS = 20
HELD_SHARE = 0.6  # of the webinars; the others are scheduled
SERIES_SHARE = 0.15  # of the webinars that are parts of a graded series
ADOPTION_SHARE = 0.2  # of the proposals that adopt a candidate topic
SERIES_PROPOSAL_SHARE = 0.15  # of the proposals that are graded series
HIDDEN_SHARE = 0.1  # drafts, withdrawn and decided-cycle proposals, per submitted one
SURVEY_ANSWERS = (0, 12)  # participants' answers per held webinar, at random in this range
SUGGESTION_SHARE = 0.3  # of the answers that suggest a topic; half of those published


def _words(rng: random.Random, language: str, count: int) -> str:
    return " ".join(rng.choice(WORDS[language]) for _ in range(count)).replace("-", " ")


def _title(rng: random.Random, language: str, number: int, noun: str = "") -> str:
    first, second = rng.sample(WORDS[language], 2)
    text = f"{first} {CONNECTOR[language]} {second}".replace("-", " ")
    return f"{noun} {number}: {text}".strip() if noun else f"{text} {number}"


def _translated(name: str, make) -> dict:
    """{"title_en": make("en"), "title_fr": make("fr"), ...} for the six languages."""
    return {build_localized_fieldname(name, language): make(language) for language in LANGUAGE_CODES}


def _texts(rng: random.Random, name: str, words: int) -> dict:
    return _translated(name, lambda language: _words(rng, language, words).capitalize() + ".")


@transaction.atomic
def build_catalogue(*, webinars: int = 1000, proposals: int = 3000, seed: int = 4) -> dict[str, int]:
    """Write the catalogue and return the counts it claims (see bench/tests)."""
    rng = random.Random(seed)
    now = timezone.now()
    with translation.override("en"):
        return _build(rng, now, webinars=webinars, proposals=proposals)


def _build(rng: random.Random, now, *, webinars: int, proposals: int) -> dict[str, int]:
    languages = Language.objects.bulk_create(
        Language(code=code, order=n, is_ui_language=True, **_translated("name", lambda lang, c=code: f"{c} ({lang})"))
        for n, code in enumerate(LANGUAGE_CODES)
    )
    regions = Region.objects.bulk_create(
        Region(code=code, order=n, **_translated("name", lambda lang, c=code: f"{c} {_words(rng, lang, 2)}"))
        for n, code in enumerate(REGION_CODES)
    )
    groups = RegionalGroup.objects.bulk_create(
        RegionalGroup(code=code, order=n, **_translated("name", lambda lang, c=code: f"{c} {_words(rng, lang, 2)}"))
        for n, code in enumerate(GROUP_CODES)
    )
    RegionalGroup.regions.through.objects.bulk_create(
        RegionalGroup.regions.through(regionalgroup_id=group.pk, region_id=regions[n].pk)
        for n, group in enumerate(groups)
    )
    areas = ScopeArea.objects.bulk_create(
        ScopeArea(code=code, order=n, **_texts(rng, "title", 4), **_texts(rng, "description", 40), is_in_scope=n < 4)
        for n, code in enumerate(SCOPE_CODES)
    )
    topics = Topic.objects.bulk_create(
        Topic(
            slug=f"topic-{n}",
            scope_area=areas[n % len(areas)],
            **_translated("title", lambda lang, n=n: _title(rng, lang, n)),
            **_texts(rng, "summary", 30),
            **_texts(rng, "objectives", 25),
            **_texts(rng, "target_audience", 8),
        )
        for n in range(TOPICS)
    )
    experts = Expert.objects.bulk_create(
        Expert(
            name=f"Expert {n}",
            email=f"expert{n}@bench.example.org",
            kind=Expert.Kind.STAFF if n % 3 == 0 else Expert.Kind.EXTERNAL,
            gender=[Expert.Gender.FEMALE, Expert.Gender.MALE][n % 2],
            nationality=["KE", "BR", "FR", "CN", "RU", "EG", "IN"][n % 7],
            region=regions[n % len(regions)],
            **_texts(rng, "title", 4),
            **_texts(rng, "biography", 40),
        )
        for n in range(EXPERTS)
    )

    counts = _webinars(rng, now, webinars, languages, regions, topics, experts)
    counts.update(_proposals(rng, now, proposals, languages, regions, groups, topics))
    counts.update(
        languages=len(languages),
        regions=len(regions),
        groups=len(groups),
        scope_areas=len(areas),
        topics=len(topics),
        experts=len(experts),
    )
    return counts


def _webinars(rng, now, total, languages, regions, topics, experts) -> dict[str, int]:
    held_total = round(total * HELD_SHARE)
    # Graded series: runs of 2 to 4 consecutive webinars on one topic.
    series_rows, positions = [], {}
    index = 0
    wanted = max(total * SERIES_SHARE, 2 if total >= 2 else 0)  # at least one series at any size
    while index < wanted - 1:
        size = min(rng.randint(2, 4), total - index)
        series_rows.append([index + k for k in range(size)])
        index += size
    series = Series.objects.bulk_create(
        Series(
            slug=f"series-{n}",
            topic=topics[n % len(topics)],
            **_translated("title", lambda lang, n=n: _title(rng, lang, n)),
            **_texts(rng, "description", 30),
        )
        for n in range(len(series_rows))
    )
    for one_series, members in zip(series, series_rows, strict=True):
        for position, member in enumerate(members, start=1):
            positions[member] = (one_series, position, len(members))

    rows = []
    for n in range(total):
        held = n < held_total
        # Held ones over the last six years, scheduled ones over the next year; parts of
        # a series a month apart in their order, never crossing today.
        days = -(n * 6 * 365 // max(held_total, 1)) - 1 if held else (n - held_total) * 365 // total + 1
        one_series, position, size = positions.get(n, (None, None, 0))
        if position:
            days += -30 * (size - position) if held else 30 * position
        rows.append(
            Webinar(
                slug=f"webinar-{n}",
                topic=topics[n % len(topics)],
                series=one_series,
                series_position=position,
                status=Webinar.Status.HELD if held else Webinar.Status.SCHEDULED,
                starts_at=now + timedelta(days=days, hours=n % 9),
                duration_minutes=rng.choice([60, 90, 120]),
                format=rng.choice(Webinar.Format.values),
                registration_count=rng.randint(20, 400) if held else rng.randint(0, 150),
                attendance_count=rng.randint(10, 300) if held else 0,
                **_translated("title", lambda lang, n=n: _title(rng, lang, n, NOUN[lang])),
                **_texts(rng, "description", 60),
                **_texts(rng, "objectives", 30),
                **_texts(rng, "target_audience", 8),
                **(_texts(rng, "summary", 50) if held else {}),
            )
        )
    created = Webinar.objects.bulk_create(rows)

    Webinar.regions.through.objects.bulk_create(
        Webinar.regions.through(webinar_id=w.pk, region_id=region.pk)
        for w in created
        for region in rng.sample(regions, rng.randint(1, 3))
    )
    Webinar.languages.through.objects.bulk_create(
        Webinar.languages.through(webinar_id=w.pk, language_id=language.pk)
        for w in created
        for language in rng.sample(languages, rng.randint(1, 3))
    )
    Webinar.experts.through.objects.bulk_create(
        Webinar.experts.through(webinar_id=w.pk, expert_id=expert.pk)
        for w in created
        for expert in rng.sample(experts, rng.randint(1, 2))
    )

    materials = []
    for w in created[:held_total]:
        published_at = w.starts_at + timedelta(days=7)
        for kind in (Material.Kind.RECORDING, Material.Kind.SLIDES):
            materials.append(
                Material(
                    webinar=w,
                    kind=kind,
                    url=f"https://media.bench.example.org/{w.slug}/{kind}",
                    language=rng.choice(languages),
                    is_published=True,
                    published_at=published_at,
                    **_translated("title", lambda lang, k=kind: f"{k} {_words(rng, lang, 2)}"),
                )
            )
    unpublished = [
        Material(
            webinar=w,
            kind=Material.Kind.OTHER,
            url=f"https://media.bench.example.org/{w.slug}/draft",
            **_translated("title", lambda lang: _words(rng, lang, 3)),
        )
        for w in created[: held_total // 4]
    ]
    Material.objects.bulk_create(materials + unpublished)
    feedback = _feedback(rng, created[:held_total])
    return {
        "webinars": len(created),
        "held": held_total,
        "scheduled": len(created) - held_total,
        "series": len(series),
        "series_parts": len(positions),
        "published_materials": len(materials),
        "unpublished_materials": len(unpublished),
        "feedback": len(feedback),
        "published_suggestions": sum(1 for f in feedback if f.suggestion_review == SuggestionReview.PUBLISHED),
    }


def _feedback(rng, held) -> list[Feedback]:
    """Participants' answers to the survey of each held webinar: ratings, sometimes a topic."""
    rows = []
    for w in held:
        for n in range(rng.randint(*SURVEY_ANSWERS)):
            suggests = rng.random() < SUGGESTION_SHARE
            rows.append(
                Feedback(
                    webinar=w,
                    source=Feedback.Source.PARTICIPANT,
                    overall_rating=rng.randint(2, 5),
                    relevance_rating=rng.randint(1, 5),
                    content_rating=rng.randint(2, 5),
                    expert_rating=rng.randint(3, 5),
                    respondent=f"bench-{w.pk}-{n}",
                    useful=_words(rng, "en", 12),
                    topic_suggestion=_words(rng, "en", 5) if suggests else "",
                    suggestion_review=(
                        SuggestionReview.PUBLISHED if suggests and rng.random() < 0.5 else SuggestionReview.PENDING
                    ),
                    country=["KE", "BR", "FR", "CN", "RU", "EG", "IN"][n % 7],
                )
            )
    return Feedback.objects.bulk_create(rows)


def _proposals(rng, now, total, languages, regions, groups, topics) -> dict[str, int]:
    users = User.objects.bulk_create(
        User(
            username=f"coordinator-{group.code}",
            email=f"{group.code}@bench.example.org",
            language=LANGUAGE_CODES[n % len(LANGUAGE_CODES)],
        )
        for n, group in enumerate(groups)
    )
    Coordinator.objects.bulk_create(
        Coordinator(user=user, group=group) for user, group in zip(users, groups, strict=True)
    )
    open_cycle = ConsultationCycle.objects.create(
        target_year=now.year + 1,
        opens_at=now - timedelta(days=30),
        deadline_at=now + timedelta(days=30),
        state=ConsultationCycle.State.OPEN,
        opened_at=now - timedelta(days=30),
        **_texts(rng, "title", 4),
        **_texts(rng, "introduction", 40),
    )
    decided_cycle = ConsultationCycle.objects.create(
        target_year=now.year,
        opens_at=now - timedelta(days=395),
        deadline_at=now - timedelta(days=335),
        state=ConsultationCycle.State.DECIDED,
        **_texts(rng, "title", 4),
    )
    candidates = CandidateTopic.objects.bulk_create(
        CandidateTopic(cycle=open_cycle, topic=topic, order=n) for n, topic in enumerate(topics[:CANDIDATE_TOPICS])
    )

    hidden = round(total * HIDDEN_SHARE)
    drafts = hidden // 3
    withdrawn = hidden // 3
    decided = hidden - drafts - withdrawn
    plan = (
        [(open_cycle, Proposal.State.SUBMITTED)] * total
        + [(open_cycle, Proposal.State.DRAFT)] * drafts
        + [(open_cycle, Proposal.State.WITHDRAWN)] * withdrawn
        + [(decided_cycle, Proposal.State.RETAINED)] * decided
    )
    # A group adopts a candidate topic once at most (proposal_adoption_once_per_group).
    unadopted = {index: rng.sample(candidates, len(candidates)) for index in range(len(groups))}
    rows = []
    for n, (cycle, state) in enumerate(plan):
        group_index = n % len(groups)
        language = LANGUAGE_CODES[n % 6]
        adopts = cycle is open_cycle and bool(unadopted[group_index]) and rng.random() < ADOPTION_SHARE
        is_series = rng.random() < SERIES_PROPOSAL_SHARE
        rows.append(
            Proposal(
                cycle=cycle,
                group=groups[group_index],
                kind=Proposal.Kind.ADOPTION if adopts else Proposal.Kind.OWN,
                candidate_topic=unadopted[group_index].pop() if adopts else None,
                shape=Proposal.Shape.SERIES if is_series else Proposal.Shape.SINGLE,
                title=_title(rng, language, n),
                objectives=_words(rng, language, 40),
                target_audience=_words(rng, language, 8),
                topics=_words(rng, language, 15),
                scope_area_id=topics[n % len(topics)].scope_area_id,
                written_in=language,
                state=state,
                created_by=users[group_index],
                submitted_by=None if state == Proposal.State.DRAFT else users[group_index],
                submitted_at=None if state == Proposal.State.DRAFT else cycle.opens_at + timedelta(minutes=n),
            )
        )
    created = Proposal.objects.bulk_create(rows)
    Proposal.regions.through.objects.bulk_create(
        Proposal.regions.through(proposal_id=p.pk, region_id=region.pk)
        for p in created
        for region in rng.sample(regions, rng.randint(1, 2))
    )
    Proposal.languages.through.objects.bulk_create(
        Proposal.languages.through(proposal_id=p.pk, language_id=language.pk)
        for p in created
        for language in rng.sample(languages, rng.randint(1, 3))
    )
    parts = ProposalPart.objects.bulk_create(
        ProposalPart(
            proposal=p,
            position=position,
            title=_title(rng, p.written_in, position),
            objectives=_words(rng, p.written_in, 20),
        )
        for p in created
        if p.shape == Proposal.Shape.SERIES
        for position in range(1, rng.randint(2, 4) + 1)
    )
    return {
        "proposals": total,
        "adoptions": sum(1 for p in created[:total] if p.kind == Proposal.Kind.ADOPTION),
        "series_proposals": sum(1 for p in created[:total] if p.shape == Proposal.Shape.SERIES),
        "proposal_parts": len(parts),
        "hidden_proposals": hidden,
        "coordinators": len(users),
    }
