"""Demo registrations and attendance of the held webinars, and a draft campaign.

So that the annual report, the attendance figures, the follow-up checklist and the
dashboard show a year's delivery, not zeros. Registrations are drawn from a random
generator seeded with each webinar's slug, so every run draws the same people; a row is
found by (webinar, e-mail) and never written twice. No message is queued.
"""

import random
from datetime import timedelta

from demo.member_states import REGION_COUNTRIES
from participants.models import Campaign, Registration
from webinars.models import Webinar

FIRST_NAMES = ["Amina", "Wei", "Olga", "Carlos", "Fatima", "John", "Marie", "Kwame", "Yuki", "Lucía", "Omar", "Anna"]
LAST_NAMES = ["Diallo", "Zhang", "Ivanova", "Gómez", "Haddad", "Smith", "Dubois", "Mensah", "Sato", "Pérez"]
LANGUAGE_OF_REGION = {"africa": "fr", "arab": "ar", "lac": "es", "central-asia": "ru", "asia-pacific": "en"}


def load_registrations() -> int:
    """The registrations behind each held and scheduled webinar's figures.

    A held webinar's demo figures (registration_count, attendance_count) become that many
    people, that many of whom attended; a scheduled webinar gets its registered people.
    """
    created = 0
    for webinar in Webinar.objects.filter(status__in=[Webinar.Status.HELD, Webinar.Status.SCHEDULED]).prefetch_related(
        "regions"
    ):
        created += _register_people(webinar)
    return created


def _register_people(webinar: Webinar) -> int:
    draw = random.Random(webinar.slug)
    region_codes = [region.code for region in webinar.regions.all() if region.code in REGION_COUNTRIES]
    region_codes = region_codes or list(REGION_COUNTRIES)
    people = webinar.registration_count
    attended = set(draw.sample(range(people), min(webinar.attendance_count, people)))
    existing = set(Registration.objects.filter(webinar=webinar).values_list("email", flat=True))
    rows = []
    for number in range(people):
        region = draw.choice(region_codes) if draw.random() < 0.8 else draw.choice(list(REGION_COUNTRIES))
        country = draw.choice(REGION_COUNTRIES[region].split())
        name = f"{draw.choice(FIRST_NAMES)} {draw.choice(LAST_NAMES)}"
        participant_type = draw.choice(Registration.ParticipantType.values)
        email = f"{webinar.slug[:40]}-{number}@participants.example.org"
        if email in existing:
            continue
        rows.append(
            Registration(
                webinar=webinar,
                name=name,
                email=email,
                country=country,
                participant_type=participant_type,
                language=LANGUAGE_OF_REGION.get(region, "en"),
                consented_at=webinar.starts_at - timedelta(days=draw.randint(1, 20)),
                has_attended=number in attended,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def load_campaign(*, secretariat) -> Campaign | None:
    """A draft campaign for the next scheduled webinar, to the network, ready to preview."""
    webinar = Webinar.objects.scheduled().order_by("starts_at", "pk").first()
    if webinar is None:
        return None
    campaign = Campaign.objects.filter(webinar=webinar).order_by("pk").first()
    if campaign is not None:
        return campaign
    campaign = Campaign.objects.create(
        webinar=webinar,
        created_by=secretariat,
        include_network=True,
        subject_en=f"Join the webinar: {webinar.title_en}",
        subject_fr=f"Participez au webinaire : {webinar.title_fr or webinar.title_en}",
        introduction_en="The Secretariat invites you to the next webinar of the technical-assistance programme.",
        introduction_fr="Le Secrétariat vous invite au prochain webinaire du programme d’assistance technique.",
    )
    return campaign
