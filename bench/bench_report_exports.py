"""The yearly report to the committee written to DOCX and PDF, over ten years of data.

Figures: seconds to write the report for the whole ten-year range (2016 to 2025: 60
webinars, 30,000 registrations, 5,000 feedback answers) from its ReportDocument, once
the figures are counted (the page's benchmark, bench_report.py, times the counting):

- ``report_docx_s``: the DOCX in English (python-docx, every chart drawn as a PNG);
- ``report_pdf_s``: the PDF in English (WeasyPrint, the charts as SVG);
- ``report_pdf_ar_s``: the PDF in Arabic (shaping, right to left, the charts as PNG);
- ``report_pdf_zh_s``: the PDF in Chinese (a CJK font to subset and embed).

Goal: under 10 s each. Each is one cold run after one warm-up of the libraries (imports,
fonts, matplotlib's font list), as a running server would be. The data is written in a
transaction that is rolled back, so later benchmarks never see it.
"""

import time


def _timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def run(report):
    from bench.report_data import report_data_rolled_back
    from reporting.annual_report import build_annual_report
    from reporting.exports import render_document
    from reporting.figures import annual_figures

    with report_data_rolled_back() as written:
        figures = annual_figures(first_year=written["first_year"], last_year=written["last_year"])
        documents = {language: build_annual_report(figures, language=language) for language in ("en", "ar", "zh-hans")}
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
