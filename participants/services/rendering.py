"""One message to many people: rendered once, then each person's name and links put in.

Campaigns and the network digest write thousands of rows at once. Rendering the template
for each person would cost most of the time; instead the message of a language is rendered
once with stand-ins for the name and the personal links, and each person's row only gets
string substitutions. The stand-ins are characters of Unicode's private use area, which no
text of the catalogue or person's name holds (a name's are removed).
"""

from dataclasses import dataclass

from outbox.services import render_notice

MARK = "\ue000"
NAME_MARK = f"{MARK}name{MARK}"
UNSUBSCRIBE_MARK = f"{MARK}unsubscribe{MARK}"
PREFERENCES_MARK = f"{MARK}preferences{MARK}"


@dataclass(frozen=True)
class RenderedMessage:
    """A language's message with stand-ins, in each variant the template words differently:
    with or without a name ("Hello Ana," / "Hello,"), for a network member (with the link
    to their preferences) or not. ``bodies`` is keyed by (has a name, has a preferences link).
    The subject is the same for everyone."""

    subject: str
    bodies: dict[tuple[bool, bool], str]

    def body_for(self, *, name: str, unsubscribe_url: str, preferences_url: str = "") -> str:
        name = name.replace(MARK, "").strip()
        body = self.bodies[(bool(name), bool(preferences_url))]
        return (
            body.replace(UNSUBSCRIBE_MARK, unsubscribe_url)
            .replace(PREFERENCES_MARK, preferences_url)
            .replace(NAME_MARK, name)
        )


def render_once(
    *, kind: str, language: str, context: dict, for_members: tuple[bool, ...] = (True, False)
) -> RenderedMessage:
    """Render the message of ``kind`` in ``language`` once per variant. ``context`` holds what
    is the same for everyone; ``name``, ``unsubscribe_url`` and ``preferences_url`` are the
    stand-ins. ``for_members``: which variants are needed (True: with the preferences link)."""
    subject = ""
    bodies = {}
    for is_member in for_members:
        for has_name in (True, False):
            variant = {
                **context,
                "name": NAME_MARK if has_name else "",
                "unsubscribe_url": UNSUBSCRIBE_MARK,
                "preferences_url": PREFERENCES_MARK if is_member else "",
            }
            subject, bodies[(has_name, is_member)] = render_notice(kind=kind, language=language, context=variant)
    return RenderedMessage(subject=subject, bodies=bodies)
