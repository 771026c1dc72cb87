"""The Secretariat's dashboard page: a thin caller of reporting.dashboard."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from reporting.dashboard import dashboard as read_dashboard


@staff_member_required
def dashboard(request):
    """Staff only, like the planning screens: anyone else is sent to the login page."""
    return render(request, "reporting/dashboard.html", {"board": read_dashboard()})
