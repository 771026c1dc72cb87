"""The Secretariat's dashboard page: a thin caller of reporting.dashboard."""

from django.shortcuts import render

from portal.permissions import staff_page
from reporting.dashboard import dashboard as read_dashboard
from reporting.permissions import dashboard_sections


@staff_page("reporting.view_dashboard")
def dashboard(request):
    """Each block only for those whose roles may read its data; the others are not even read."""
    board = read_dashboard(sections=dashboard_sections(request.user))
    return render(request, "reporting/dashboard.html", {"board": board})
