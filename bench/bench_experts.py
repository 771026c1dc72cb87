"""Expert suggestions: quality on the independent evaluation set, and speed against a roster of 2,000 experts.

Quality (delivery/tests/expert_evaluation.py says how it is counted): the 46 experts of
similarity/evaluation/experts.json, ranked by ``rank_experts`` for a webinar made of each of
its 31 proposals:
- expert_top1 / expert_top3: the share of proposals whose first suggestion is a right expert,
  or that have one among the first three, the webinar given in the proposal's language and
  English (as most are);
- expert_top1_one_language / expert_top3_one_language: the same, the webinar given in the
  proposal's language only (the points for speaking it go mostly to wrong experts there: the
  set's right experts seldom speak the proposal's language).

Speed: a roster of 2,000 active experts (the set's expertise texts, each varied with a few
words of others in its language; languages, scope areas, regions, genders; 300 held
webinars rated by participants; 150 webinars in the year whose balance is shown), every
vector stored, and one webinar made of an Arabic proposal of the corpus:
- expert_suggest_ms: ``suggest_experts`` for the webinar, as the experts screen calls it
  (median of 20, the thesaurus compiled and the encoder loaded, as in a running server);
- expert_suggest_queries: its queries;
- expert_suggestions_page_ms: the whole experts screen of the webinar (median of 10).

Built and measured inside a transaction that is rolled back, the experts of other modules
set aside meanwhile, so the modules after this one find the database as they left it.
"""

import random
import statistics
import sys
import time
from datetime import UTC, datetime

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

ROSTER = 2000
PREFIX = "bench-experts"
YEAR = 2097
PROPOSAL = "p104"  # an Arabic proposal on patent information centres; its right expert writes in French


class _RolledBack(Exception):
    """Leaves the bench's transaction, rolling back everything it wrote."""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def quality(report) -> None:
    from delivery.tests import expert_evaluation

    roster = expert_evaluation.build_roster(prefix=PREFIX)
    both = expert_evaluation.measure(roster, prefix=PREFIX)
    log(f"evaluation set, webinar in the proposal's language and English: {both.line()}")
    report("expert_top1", both.top1_rate, "ratio")
    report("expert_top3", both.top3_rate, "ratio")
    one = expert_evaluation.measure(roster, with_english=False, prefix=PREFIX)
    log(f"evaluation set, webinar in the proposal's language only: {one.line()}")
    report("expert_top1_one_language", one.top1_rate, "ratio")
    report("expert_top3_one_language", one.top3_rate, "ratio")


def _texts(rng: random.Random) -> list[tuple[str, list[str]]]:
    """(expertise, languages spoken) of ROSTER experts built from the evaluation set's."""
    from delivery.tests.expert_evaluation import read

    rows = read("experts.json")["experts"]
    words: dict[str, list[str]] = {}
    for row in rows:
        words.setdefault(row["language"], []).extend(row["expertise"].split())
    result = []
    for _n in range(ROSTER):
        row = rng.choice(rows)
        extra = " ".join(rng.choices(words[row["language"]], k=4))
        result.append((f"{row['expertise']} {extra}", row["languages_spoken"]))
    return result


def roster(rng: random.Random):
    """ROSTER experts with their vectors stored, their past webinars rated, and the year's webinars."""
    from delivery.tests.expert_evaluation import language
    from similarity.vectors import refresh_vectors
    from webinars.models import Expert, Feedback, Region, ScopeArea, Topic, Webinar

    regions = [Region.objects.create(code=f"{PREFIX}-{n}", name=f"Experts region {n}") for n in range(6)]
    areas = [ScopeArea.objects.create(code=f"{PREFIX}-{n}", title=f"Experts area {n}") for n in range(5)]
    genders = [Expert.Gender.FEMALE, Expert.Gender.MALE, Expert.Gender.MALE, Expert.Gender.UNDISCLOSED]
    texts = _texts(rng)
    experts = Expert.objects.bulk_create(
        Expert(
            name=f"Bench expert {n}",
            email=f"{PREFIX}-{n}@example.org",
            gender=genders[n % len(genders)],
            region=regions[n % len(regions)] if n % 7 else None,
            kind=Expert.Kind.STAFF if n % 5 == 0 else Expert.Kind.EXTERNAL,
            expertise=expertise,
        )
        for n, (expertise, _spoken) in enumerate(texts)
    )
    by_code = {code: language(code) for _text, spoken in texts for code in spoken}
    Expert.languages.through.objects.bulk_create(
        Expert.languages.through(expert_id=expert.pk, language_id=by_code[code].pk)
        for expert, (_text, spoken) in zip(experts, texts, strict=True)
        for code in spoken
    )
    Expert.scope_areas.through.objects.bulk_create(
        Expert.scope_areas.through(expert_id=expert.pk, scopearea_id=area.pk)
        for expert in experts
        for area in rng.sample(areas, k=rng.randint(1, 2))
    )
    topic = Topic.objects.create(slug=f"{PREFIX}-past", title="Past webinars", scope_area=areas[0])

    def webinars(kind: str, count: int, status: str, year: int) -> list[Webinar]:
        made = Webinar.objects.bulk_create(
            Webinar(
                slug=f"{PREFIX}-{kind}-{n}",
                title=f"Bench {kind} webinar {n}",
                topic=topic,
                status=status,
                starts_at=datetime(year, 1 + n % 12, 1 + n % 28, 12, tzinfo=UTC),
            )
            for n in range(count)
        )
        Webinar.experts.through.objects.bulk_create(
            Webinar.experts.through(webinar_id=webinar.pk, expert_id=rng.choice(experts).pk) for webinar in made
        )
        return made

    held = webinars("held", 300, Webinar.Status.HELD, YEAR - 2)
    Feedback.objects.bulk_create(
        Feedback(webinar=webinar, overall_rating=rng.randint(2, 5), expert_rating=rng.randint(1, 5))
        for webinar in held
        for _answer in range(5)
    )
    webinars("year", 150, Webinar.Status.SCHEDULED, YEAR)
    started = time.perf_counter()
    refresh_vectors(experts)
    log(f"{len(experts)} experts written and their vectors stored in {time.perf_counter() - started:.1f} s")
    return experts, regions, areas


def the_webinar(area):
    """A webinar of the year made of an Arabic proposal of the corpus, its vector stored."""
    from delivery.tests.expert_evaluation import language, read
    from similarity.vectors import refresh_vectors
    from webinars.models import Topic, Webinar

    proposal = next(p for p in read("corpus.json")["proposals"] if p["id"] == PROPOSAL)
    topic = Topic.objects.create(slug=f"{PREFIX}-{PROPOSAL}", title=proposal["title"], scope_area=area)
    webinar = Webinar.objects.create(
        slug=f"{PREFIX}-{PROPOSAL}",
        title=proposal["title"],
        objectives=proposal["objectives"],
        topic=topic,
        status=Webinar.Status.SCHEDULED,
        starts_at=datetime(YEAR, 6, 10, 12, tzinfo=UTC),
    )
    webinar.languages.set([language("ar"), language("en")])
    refresh_vectors([webinar])
    return webinar


def speed(report) -> None:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from delivery.selectors.experts import suggest_experts
    from webinars.models import Expert, Webinar

    rng = random.Random(2097)
    experts, _regions, areas = roster(rng)
    Expert.objects.exclude(pk__in=[expert.pk for expert in experts]).update(is_active=False)
    webinar = the_webinar(areas[0])
    webinar = Webinar.objects.select_related("topic", "topic__scope_area").get(pk=webinar.pk)

    suggest_experts(webinar=webinar)  # the thesaurus compiled and the encoder loaded, as in a running server
    timings = []
    for _run in range(20):
        started = time.perf_counter()
        suggestions = suggest_experts(webinar=webinar)
        timings.append(time.perf_counter() - started)
    report("expert_suggest_ms", 1000 * statistics.median(timings), "ms")
    with CaptureQueriesContext(connection) as queries:
        suggest_experts(webinar=webinar)
    report("expert_suggest_queries", len(queries.captured_queries), "queries")
    first = suggestions[0]
    log(f"first of {Expert.objects.filter(is_active=True).count()}: {first.expert.name}, fit {first.fit:.2f}")
    log("its reasons: " + " | ".join(reason.text for reason in first.reasons))

    client = Client()
    client.force_login(User.objects.create(username=f"{PREFIX}-secretariat", is_staff=True, is_superuser=True))
    path = reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk})
    assert client.get(path, secure=True).status_code == 200
    timings = []
    for _run in range(10):
        started = time.perf_counter()
        response = client.get(path, secure=True)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    report("expert_suggestions_page_ms", 1000 * statistics.median(timings), "ms")


def run(report):
    try:
        with transaction.atomic():
            quality(report)
            speed(report)
            raise _RolledBack
    except _RolledBack:
        pass
