"""The yearly report to the committee written to DOCX and PDF, over ten years of data.

The data: ten years (2016 to 2025: 60 webinars, 30,000 registrations, 5,000 feedback
answers). Figures, in seconds, to write a document from its ReportDocument once the data
is read (the page's benchmark, bench_report.py, times the counting):

- ``report_docx_s``: the committee document on the last year (the main export: symbol
  block, numbered paragraphs, one part per webinar held, the annex of figures with its
  charts as PNG), in English;
- ``report_pdf_s``: the same document as PDF in English (WeasyPrint, the charts as SVG);
- ``report_pdf_ar_s``: the same in Arabic (shaping, right to left, the charts as PNG);
- ``report_pdf_zh_s``: the same in Chinese (a CJK font to subset and embed);
- ``report_range_docx_s`` and ``report_range_pdf_s``: the figures report over the whole
  ten-year range (the staff page's export), the heaviest document the portal writes.

Goal: under 10 s each. Each is one cold run after one warm-up of the libraries (imports,
fonts, matplotlib's font list), as a running server would be. The data is written in a
transaction that is rolled back, so later benchmarks never see it.
"""

import datetime
import time


def _timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _committee_report(year: int):
    """The year's report to the committee, as the Secretariat starts it (accounts from the summaries)."""
    from reporting.models import Session
    from reporting.services import create_committee_report

    session = Session.objects.create(
        number=99, starts_on=datetime.date(year + 1, 11, 16), ends_on=datetime.date(year + 1, 11, 20), venue="Geneva"
    )
    return create_committee_report(
        actor=None,
        year=year,
        symbol="CDIP/99/4",
        session=session,
        dated_on=datetime.date(year + 1, 10, 5),
        texts={"introduction_en": "<p>This document reports on the webinars held in the year.</p>"},
    )


def run(report):
    from bench.report_data import report_data_rolled_back
    from reporting.annual_report import build_annual_report
    from reporting.committee_report import build_committee_report, report_data
    from reporting.exports import render_document
    from reporting.figures import annual_figures

    with report_data_rolled_back() as written:
        committee = _committee_report(written["last_year"])
        data = report_data(year=committee.year)
        documents = {
            language: build_committee_report(committee, data, language=language) for language in ("en", "ar", "zh-hans")
        }
        render_document(documents["en"], "docx")  # warm up python-docx, matplotlib and its fonts
        render_document(documents["en"], "pdf")  # warm up WeasyPrint, Pango and fontconfig

        elapsed, (content, _type, _extension) = _timed(lambda: render_document(documents["en"], "docx"))
        assert content.startswith(b"PK"), "the DOCX is not a zip"
        report("report_docx_s", elapsed, "s")
        for name, language in (("report_pdf_s", "en"), ("report_pdf_ar_s", "ar"), ("report_pdf_zh_s", "zh-hans")):
            elapsed, (content, _type, _extension) = _timed(
                lambda language=language: render_document(documents[language], "pdf")
            )
            assert content.startswith(b"%PDF"), f"the {language} PDF is not a PDF"
            report(name, elapsed, "s")

        figures = annual_figures(first_year=written["first_year"], last_year=written["last_year"])
        ten_years = build_annual_report(figures, language="en")
        elapsed, (content, _type, _extension) = _timed(lambda: render_document(ten_years, "docx"))
        assert content.startswith(b"PK"), "the DOCX is not a zip"
        report("report_range_docx_s", elapsed, "s")
        elapsed, (content, _type, _extension) = _timed(lambda: render_document(ten_years, "pdf"))
        assert content.startswith(b"%PDF"), "the PDF is not a PDF"
        report("report_range_pdf_s", elapsed, "s")
