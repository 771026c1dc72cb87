"""The demo's annual report to the committee on the last full year: a draft the Secretariat is writing.

It has its symbol and session (the committee's next session, as the tracker's demo places
it), the Secretariat's introduction and closing paragraph in English, French and Arabic,
and an account of each webinar held that year, pre-filled from the webinars' summaries.
So the document opens in DOCX with its symbol, numbered paragraphs and closing paragraph
in English and Arabic.
"""

from datetime import date, timedelta

from demo.tracker import NEXT_SESSION
from reporting.models import CommitteeReport, Session
from reporting.services import add_webinar_accounts

TITLE = {
    "en": "Report on the webinars of the technical-assistance programme in {year}",
    "fr": "Rapport sur les webinaires du programme d’assistance technique en {year}",
    "ar": "تقرير عن الندوات الإلكترونية لبرنامج المساعدة التقنية في عام {year}",
}
INTRODUCTION = {
    "en": (
        "<p>At its eighteenth session, the Committee decided that the Secretariat would hold webinars on "
        "technical assistance and report on them every year. This document reports on the webinars held "
        "in {year}, on the consultation of the regional groups and on the plan for {next}.</p>"
        "<p>The programme followed the revised webinar strategy: topics chosen with the member states, "
        "a balance between regions and languages, and follow-up published after each webinar.</p>"
    ),
    "fr": (
        "<p>À sa dix-huitième session, le Comité a décidé que le Secrétariat organiserait des webinaires "
        "sur l’assistance technique et en rendrait compte chaque année. Le présent document rend compte des "
        "webinaires tenus en {year}, de la consultation des groupes régionaux et du plan pour {next}.</p>"
    ),
    "ar": (
        "<p>قررت اللجنة في دورتها الثامنة عشرة أن تعقد الأمانة ندوات إلكترونية بشأن المساعدة التقنية وأن "
        "تقدم تقريرا عنها كل عام. وتعرض هذه الوثيقة الندوات المعقودة في عام {year} ومشاورة المجموعات "
        "الإقليمية وخطة عام {next}.</p>"
    ),
}
CLOSING = {
    "en": "<p>The Committee is invited to take note of the information contained in this document.</p>",
    "fr": "<p>Le Comité est invité à prendre note des informations contenues dans le présent document.</p>",
    "ar": "<p>إن اللجنة مدعوة إلى الإحاطة علما بالمعلومات الواردة في هذه الوثيقة.</p>",
}


def load_committee_report(upsert, *, today: date) -> CommitteeReport:
    year = today.year - 1
    session = Session.objects.get(number=NEXT_SESSION)
    existing = CommitteeReport.objects.filter(year=year).first()
    if existing is not None and not existing.is_editable:
        return existing  # finalised in the demo by someone trying it: leave it frozen
    report = upsert(
        CommitteeReport,
        {"year": year},
        {
            "symbol": f"CDIP/{NEXT_SESSION}/4",
            "session": session,
            "dated_on": session.starts_on - timedelta(days=42),  # documents go out six weeks before a session
            "original_language": "en",
            "title": {code: text.format(year=year) for code, text in TITLE.items()},
            "introduction": {code: text.format(year=year, next=year + 1) for code, text in INTRODUCTION.items()},
            "closing_paragraph": CLOSING,
        },
    )
    add_webinar_accounts(report=report)
    return report
