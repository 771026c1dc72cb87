"""The six catalogues: complete, safe to format, and up to date with the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES]


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_no_empty_or_fuzzy_translation(locale):
    po = catalogue(locale)
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_every_placeholder(locale):
    wrong = []
    for entry in catalogue(locale).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if entry.msgid_plural:
                # A plural form may leave the count out ("one webinar"), never add a new name.
                if not set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(entry.msgid_plural)):
                    wrong.append(entry.msgid)
            elif sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is needed to extract strings")
def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """Extract the strings into a copy of the project and compare with the catalogue."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "static", "staticfiles", "artifacts", "media", "*.sqlite3")
    shutil.copytree(ROOT, copy, ignore=ignore)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "--locale=en", "--no-obsolete", "--ignore=.venv"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = {entry.msgid for entry in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in catalogue("en")}
    assert sorted(extracted - committed) == [], "run `make messages` and translate the new strings"
