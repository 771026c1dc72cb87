"""Form helpers every app's forms share."""

from django.conf import settings
from django.utils.translation import get_language_info


def language_choices() -> list[tuple[str, str]]:
    """Each language in its own name, so a person finds theirs whatever page language they read."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
