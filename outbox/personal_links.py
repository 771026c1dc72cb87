"""Personal links in a message, hidden from whoever reads the outbox.

Messages to participants and experts carry signed links that act as the person: cancel a
registration, accept or decline an invitation, answer the survey, confirm, unsubscribe or
change one's preferences in the network, opt out of campaigns. Anyone who reads the outbox
could use them. A link is personal when it leads to a page of the portal whose address
takes a signed argument (``token``, or ``uidb64`` with it): the portal's own URL patterns
say so, so a link added later is hidden without anyone listing it here. Other links (a
webinar's page, its calendar file, the join link of the meeting) stay readable.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

# The arguments of a URL pattern that carry the person's signed token.
PERSONAL_ARGUMENTS = frozenset({"token", "uidb64"})
# Characters a sentence may put right after a link, which are not part of it.
TRAILING_PUNCTUATION = ".,;:!?)]»"


def _site() -> str:
    return settings.PORTAL_SITE_URL.rstrip("/")


def is_personal_link(url: str) -> bool:
    """A link to a page of the portal whose address holds a signed, personal argument."""
    if not url.startswith(_site() + "/"):
        return False
    path = urlsplit(url[len(_site()) :]).path
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return bool(PERSONAL_ARGUMENTS & set(match.kwargs))


def hide_personal_links(text: str) -> str:
    """``text`` with each personal link of the portal replaced by "[personal link hidden]"."""

    def hide(found: re.Match) -> str:
        url = found.group(0)
        link = url.rstrip(TRAILING_PUNCTUATION)
        if not is_personal_link(link):
            return url
        return _("[personal link hidden]") + url[len(link) :]

    return re.sub(re.escape(_site()) + r"/[^\s<>\"']*", hide, text)
