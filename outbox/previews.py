"""Sample contexts with which the Secretariat previews every message in every language.

Each kind's sample holds the variables its templates use, with made-up values, so a
preview shows the message as a person would read it. A kind without a sample is
previewed with the common values only.
"""

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError

from outbox.models import Notice
from outbox.services import render_notice

_TOPICS = [
    {
        "title": "Patent landscapes for policy makers",
        "objectives": "Read a patent landscape report and use it in national policy.",
        "target_audience": "Policy makers and IP office staff.",
    },
    {
        "title": "Mediation of IP disputes for SMEs",
        "objectives": "Know when mediation fits and how to start it.",
        "target_audience": "Small and medium-sized enterprises.",
    },
]

_COMMON = {
    "name": "Amina Diallo",
    "recipient": "Amina Diallo",
    "group": "African Group",
    "year": 2031,
    "title": "Consultation for 2031",
    "deadline": "31 October 2030 23:59",
    "answer_path": "/en/consultation/",
}

SAMPLE_CONTEXTS: dict[str, dict] = {
    Notice.Kind.CYCLE_DRAFT_READY: {
        "opens_on": "1 September 2030 00:00",
        "topics": [{"title": t["title"], "source": "Proposed by the Secretariat"} for t in _TOPICS],
        "carried_over": 0,
        "secretariat": 2,
        "feedback": 0,
        "review_path": "/en/admin/proposals/consultationcycle/1/change/",
    },
    Notice.Kind.CYCLE_INVITATION: {
        "introduction": "The Secretariat looks forward to your group's answer.",
        "topics": _TOPICS,
    },
    Notice.Kind.CYCLE_REMINDER: {"days": 3, "topics": _TOPICS},
    Notice.Kind.CYCLE_SUMMARY: {
        "answers": 3,
        "groups": [
            {"name": "African Group", "answers": 2, "own": ["Mediation for SMEs"], "adopted": [_TOPICS[0]["title"]]},
            {"name": "GRULAC", "answers": 1, "own": [], "adopted": [_TOPICS[0]["title"]]},
        ],
        "silent_groups": ["Group B"],
        "adopted_topics": [{"title": _TOPICS[0]["title"], "groups": ["African Group", "GRULAC"]}],
        "own_proposals": [{"title": "Mediation for SMEs", "group": "African Group"}],
        "nobody_invited": False,
        "review_path": "/en/admin/proposals/proposal/?cycle__id__exact=1",
    },
    Notice.Kind.PROPOSAL_OUTCOME: {
        "proposals": [
            {
                "title": "Mediation for SMEs",
                "state": "retained",
                "outcome": "Retained in the plan",
                "webinar": "Mediation in practice",
                "reason": "",
            },
            {
                "title": "Copyright in schools",
                "state": "declined",
                "outcome": "Not retained",
                "webinar": "",
                "reason": "Outside the scope this year.",
            },
        ],
    },
    Notice.Kind.STATE_REQUEST_RECEIVED: {
        "state": "Kenya",
        "request_subject": "Geographical indications for coffee",
        "is_interest": False,
        "text": "Our coffee cooperatives ask for it.",
        "request_path": "/en/consultation/state-requests/1/",
    },
    Notice.Kind.STATE_REQUEST_DECIDED: {
        "state": "Kenya",
        "request_subject": "Geographical indications for coffee",
        "is_taken": True,
        "proposal_title": "Geographical indications for agricultural products",
        "actor": "Amina Diallo",
        "reason": "",
        "request_path": "/en/consultation/state-requests/1/",
    },
    Notice.Kind.PROPOSAL_SUBMITTED: {
        "proposal_title": "Mediation for SMEs",
        "proposal_kind": "Own proposal",
        "proposal_version": 2,
        "cycle": "Consultation for 2031",
        "actor": "Amina Diallo",
        "at": "12 October 2030 10:15",
        "proposal_path": "/en/consultation/proposals/1/",
        "dashboard_path": "/en/consultation/",
    },
    Notice.Kind.NETWORK_CONFIRMATION: {
        "email": "participant@example.org",
        "is_member_already": False,
        "max_age_days": 7,
        "confirm_url": "https://webinars.example.org/en/network/confirm/sample/",
        "preferences_url": "https://webinars.example.org/en/network/preferences/sample/",
        "unsubscribe_url": "https://webinars.example.org/en/network/leave/sample/",
    },
    Notice.Kind.COORDINATOR_INVITATION: {
        "username": "coordinator-african-group",
        "valid_days": 7,
        "set_password_path": "/en/account/set-password/sample/",
        "login_path": "/en/account/login/",
    },
    Notice.Kind.PASSWORD_RESET: {
        "username": "coordinator-african-group",
        "valid_hours": 24,
        "reset_path": "/en/account/reset/sample/",
    },
}
SAMPLE_CONTEXTS[Notice.Kind.PROPOSAL_WITHDRAWN] = SAMPLE_CONTEXTS[Notice.Kind.PROPOSAL_SUBMITTED]
SAMPLE_CONTEXTS[Notice.Kind.FEEDBACK_SURVEY] = {
    "title": "Patent landscapes for policy makers",
    "held_on": "4 November 2030",
    "is_expert": False,
    "survey_url": "https://webinars.example.org/en/survey/sample-token/",
    "max_age_days": 30,
}
SAMPLE_CONTEXTS[Notice.Kind.SURVEY_REMINDER] = SAMPLE_CONTEXTS[Notice.Kind.FEEDBACK_SURVEY]
SAMPLE_CONTEXTS[Notice.Kind.RECORDING_AVAILABLE] = {
    "title": "Patent landscapes for policy makers",
    "held_on": "4 November 2030",
    "page_url": "https://webinars.example.org/en/webinars/patent-landscapes/#materials",
    "recordings": [{"title": "Recording of the session", "language": "English"}],
}
SAMPLE_CONTEXTS[Notice.Kind.MATERIALS_AVAILABLE] = {
    "title": "Patent landscapes for policy makers",
    "held_on": "4 November 2030",
    "page_url": "https://webinars.example.org/en/webinars/patent-landscapes/",
    "materials": [
        {"kind": "Recording", "title": "Recording of the session"},
        {"kind": "Slides", "title": "Slides of the talk"},
    ],
    "has_summary": True,
    "has_answers": True,
    "is_member": True,
    "preferences_url": "https://webinars.example.org/en/network/preferences/sample/",
    "unsubscribe_url": "https://webinars.example.org/en/network/unsubscribe/sample/",
}
SAMPLE_CONTEXTS[Notice.Kind.CAMPAIGN] = {
    "subject": "",
    "introduction": "Following the webinar on university IP policies, the Secretariat invites you to the next part.",
    "title": "Licensing technology from public research",
    "description": "How public research centres license their technology to firms.",
    "starts_at_text": "4 November 2030 14:00",
    "duration_minutes": 90,
    "format": "Live talk with questions and answers",
    "languages_text": "English, French",
    "register_url": "https://webinars.example.org/en/webinars/licensing-public-research/register/",
    "webinar_url": "https://webinars.example.org/en/webinars/licensing-public-research/",
    "preferences_url": "https://webinars.example.org/en/network/preferences/sample/",
    "unsubscribe_url": "https://webinars.example.org/en/network/unsubscribe/sample/",
}
SAMPLE_CONTEXTS[Notice.Kind.NETWORK_DIGEST] = {
    "webinars": [
        {
            "title": "Licensing technology from public research",
            "description": "How public research centres license their technology to firms.",
            "starts_at_text": "4 November 2030 14:00",
            "duration_minutes": 90,
            "languages_text": "English, French",
            "register_url": "https://webinars.example.org/en/webinars/licensing-public-research/register/",
            "webinar_url": "https://webinars.example.org/en/webinars/licensing-public-research/",
        },
        {
            "title": "Mediation of IP disputes for SMEs",
            "description": "When mediation fits a dispute between small firms, and how to start it.",
            "starts_at_text": "18 November 2030 13:00",
            "duration_minutes": 60,
            "languages_text": "Arabic, English, Spanish",
            "register_url": "https://webinars.example.org/en/webinars/mediation-smes/register/",
            "webinar_url": "https://webinars.example.org/en/webinars/mediation-smes/",
        },
    ],
    "preferences_url": "https://webinars.example.org/en/network/preferences/sample/",
    "unsubscribe_url": "https://webinars.example.org/en/network/unsubscribe/sample/",
}
SAMPLE_CONTEXTS[Notice.Kind.EXPERT_INVITATION] = {
    "name": "Dr Amina Diallo",
    "title": "Patent landscapes for policy makers",
    "topic": "Patent information",
    "starts_at_text": "4 November 2030 14:00",
    "duration_minutes": 90,
    "format": "Live talk with questions and answers",
    "message": "We would be glad to have you again after last year's webinar.",
    "accept_url": "https://webinars.example.org/en/experts/invitation/sample/?answer=accept",
    "decline_url": "https://webinars.example.org/en/experts/invitation/sample/?answer=decline",
    "max_age_days": 30,
}
SAMPLE_CONTEXTS[Notice.Kind.EXPERT_ANSWER] = {
    "expert": "Dr Amina Diallo",
    "title": "Patent landscapes for policy makers",
    "is_accepted": False,
    "reason": "I am travelling that week; any date in December would suit me.",
    "suggestions_path": "/en/secretariat/experts/webinar/1/",
}


_REGISTRATION = {
    "title": "Patent landscapes for policy makers",
    "starts_at_text": "4 November 2030 14:00",
    "time_zone": "Africa/Nairobi",
    "own_time_text": "4 November 2030 16:00",
    "duration_minutes": 90,
    "webinar_url": "https://webinars.example.org/en/webinars/patent-landscapes/",
    "ics_url": "https://webinars.example.org/en/webinars/patent-landscapes/calendar.ics",
    "join_url": "https://meet.example.org/j/123456",
    "cancel_url": "https://webinars.example.org/en/registration/cancel/sample/",
}
SAMPLE_CONTEXTS[Notice.Kind.REGISTRATION_CONFIRMED] = _REGISTRATION
SAMPLE_CONTEXTS[Notice.Kind.REGISTRATION_WAITLISTED] = {**_REGISTRATION, "join_url": ""}
SAMPLE_CONTEXTS[Notice.Kind.REGISTRATION_PROMOTED] = _REGISTRATION
SAMPLE_CONTEXTS[Notice.Kind.REGISTRATION_CANCELLED] = {**_REGISTRATION, "join_url": "", "cancel_url": ""}
SAMPLE_CONTEXTS[Notice.Kind.WEBINAR_REMINDER] = {**_REGISTRATION, "reminder": "day"}
_WEBINAR_CHANGE = {
    **_REGISTRATION,
    "join_url": "",
    "previous_starts_at_text": "28 October 2030 14:00",
    "is_expert": False,
    "is_waitlisted": False,
    "was_postponed": False,
}
SAMPLE_CONTEXTS[Notice.Kind.WEBINAR_CANCELLED] = {**_WEBINAR_CHANGE, "cancel_url": ""}
SAMPLE_CONTEXTS[Notice.Kind.WEBINAR_POSTPONED] = _WEBINAR_CHANGE
SAMPLE_CONTEXTS[Notice.Kind.WEBINAR_MOVED] = _WEBINAR_CHANGE
SAMPLE_CONTEXTS[Notice.Kind.WEBINAR_DATE_SET] = {
    "title": "Patent landscapes for policy makers",
    "starts_at_text": "4 November 2030 14:00",
    "duration_minutes": 90,
    "register_url": "https://webinars.example.org/en/webinars/patent-landscapes/register/",
    "webinar_url": "https://webinars.example.org/en/webinars/patent-landscapes/",
    "ics_url": "https://webinars.example.org/en/webinars/patent-landscapes/calendar.ics",
}


SAMPLE_CONTEXTS[Notice.Kind.ERROR_REPORT] = {
    "summary": "Internal Server Error: /en/webinars/",
    "at": "2030-10-31 12:00 UTC",
    "where": "django.request",
    "minutes": 10,
    "details": "Traceback (most recent call last):\n  ...\nZeroDivisionError: division by zero",
}
SAMPLE_CONTEXTS[Notice.Kind.PLAN_SHARED] = {
    "until": "15 December 2030",
    "message": "The Secretariat looks forward to your group's comments.",
    "is_changed": False,
    "is_again": False,
    "entries": [
        {
            "position": 1,
            "title": _TOPICS[0]["title"],
            "part": None,
            "period": "January to March",
            "regions": "Africa",
            "languages": "English, French",
        },
        {
            "position": 2,
            "title": _TOPICS[1]["title"],
            "part": 2,
            "period": "April to June",
            "regions": "Latin America and the Caribbean",
            "languages": "Spanish",
        },
    ],
    "comment_path": "/en/consultation/plan/1/",
}
SAMPLE_CONTEXTS[Notice.Kind.PLAN_COMMENT_REMINDER] = {
    "until": "15 December 2030",
    "days": 3,
    "comment_path": "/en/consultation/plan/1/",
}
SAMPLE_CONTEXTS[Notice.Kind.PLAN_COMMENTS_CLOSED] = {
    "until": "15 December 2030",
    "comments": 3,
    "commented": [{"name": "African Group", "comments": 2}, {"name": "GRULAC", "comments": 1}],
    "silent_groups": ["Group B"],
    "plan_path": "/en/secretariat/planning/cycles/1/plan/",
}


def sample_context(kind: str) -> dict:
    return {**_COMMON, **SAMPLE_CONTEXTS.get(kind, {})}


def preview_rows() -> list[dict]:
    """One row per kind, one cell per language: subject and body, or why it cannot render."""
    rows = []
    for kind, label in Notice.Kind.choices:
        cells = []
        for language, language_name in settings.LANGUAGES:
            cell = {"language": language, "language_name": language_name, "rtl": language in settings.LANGUAGES_BIDI}
            try:
                cell["subject"], cell["body"] = render_notice(
                    kind=kind, language=language, context=sample_context(kind)
                )
            except (TemplateDoesNotExist, TemplateSyntaxError) as error:
                cell["error"] = f"{type(error).__name__}: {error}"
            cells.append(cell)
        rows.append({"kind": kind, "label": label, "cells": cells})
    return rows
