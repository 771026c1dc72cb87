"""The yearly report to the committee over ten years of data: the staff page, through the test client.

Figure: seconds for one GET of the report page for the whole ten-year range (2016 to
2025: 60 webinars, 30,000 registrations, 5,000 feedback answers), as the reporting officer
sees it: every figure counted, the document written, the charts drawn and the page
rendered. The range is the worst case the page allows (PORTAL_REPORT_MAX_YEARS, 10):
the ten years hold every row the worst single year holds, and more. Goal: under 2 s.
The data is written in a transaction that is rolled back, so later benchmarks never see it.
"""

import time


def run(report):
    from django.contrib.auth.models import Group
    from django.test import Client

    from accounts.models import User
    from accounts.roles import sync_roles
    from bench.report_data import report_data_rolled_back

    with report_data_rolled_back() as written:
        sync_roles()
        staff = User.objects.create(username="bench-report-staff", is_staff=True, password="!")
        staff.groups.add(Group.objects.get(name="Reporting officer"))  # the role that reads the report
        client = Client()
        client.force_login(staff)
        url = f"/en/secretariat/report/?first_year={written['first_year']}&last_year={written['last_year']}"
        client.get(url, secure=True)  # warm the templates and translations once, as a running server would be
        started = time.perf_counter()
        response = client.get(url, secure=True)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        page = response.content.decode()
        assert f"{written['held']} webinars" in page and "<svg" in page, "the report page lacks its figures or charts"
        report("annual_report_s", elapsed, "s")
