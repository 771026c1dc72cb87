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
