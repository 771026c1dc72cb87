"""Template helpers of the public pages: texts that fall back to another language, safe embeds."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname, resolution_order

register = template.Library()


@dataclass(frozen=True)
class Shown:
    """A translated text as shown, and the language it is really in."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def language_name(self) -> str:
        """The language's name in the visitor's language (e.g. "anglais" on a French page)."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language


@register.simple_tag
def translated(obj, field_name: str) -> Shown:
    """The text of a translated field in the visitor's language, or the first fallback that has one.

    Usage: {% translated webinar "title" as title %} then {{ title }}, title.is_fallback,
    title.language (for a lang attribute) and title.language_name.
    """
    active = get_language() or "en"
    for code in resolution_order(active):
        value = getattr(obj, build_localized_fieldname(field_name, code), None)
        if value:
            return Shown(text=value, language=code, is_fallback=code != active)
    return Shown(text="", language=active, is_fallback=False)


@register.simple_tag
def written_in(code: str) -> Shown:
    """For untranslated user text (a proposal "as received"): the language it was written in."""
    active = get_language() or "en"
    return Shown(text="", language=code, is_fallback=code != active)


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


@register.filter
def embed_url(url: str) -> str:
    """An embeddable player address for a YouTube or Vimeo link, or "" for anything else.

    The video id is checked against the services' own formats and the player address is
    rebuilt from scratch, so nothing from the stored link reaches the iframe but the id.
    """
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme != "https":
        return ""
    host = (parts.hostname or "").lower()
    video_id = ""
    if host in ("www.youtube.com", "youtube.com", "m.youtube.com"):
        if parts.path == "/watch":
            query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
            video_id = query.get("v", "")
        elif parts.path.startswith(("/embed/", "/live/")):
            video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    if video_id:
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _YOUTUBE_ID.match(video_id) else ""
    if host in ("vimeo.com", "www.vimeo.com"):
        video_id = parts.path.strip("/")
        return f"https://player.vimeo.com/video/{video_id}" if _VIMEO_ID.match(video_id) else ""
    return ""


@register.filter
def material_href(material) -> str:
    """Where a material is: its uploaded file, else its link."""
    if material.file:
        return reverse("webinars:material_download", args=[material.pk])
    return material.url


@register.filter
def isolate(value) -> str:
    """The text isolated from the sentence around it (Unicode FSI … PDI): a French title or a
    range of hours inside an Arabic sentence keeps its own direction and its quotes their place."""
    return f"\u2068{value}\u2069"
