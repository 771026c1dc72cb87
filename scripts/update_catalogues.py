"""Extract every UI string into the six catalogues and keep English complete.

Runs makemessages (GNU gettext needed) for the six languages; English translations are
the source strings themselves, filled in so that no catalogue has an empty entry.
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["ar", "zh_Hans", "en", "fr", "ru", "es"]
IGNORED = [".venv", "static", "staticfiles", "artifacts", "media"]


def main() -> int:
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
    command += [f"--locale={locale}" for locale in LOCALES]
    command += [f"--ignore={path}" for path in IGNORED]
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
    english = polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))
    for entry in english:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    english.save()
    for locale in LOCALES:
        missing = len(polib.pofile(str(ROOT / f"locale/{locale}/LC_MESSAGES/django.po")).untranslated_entries())
        if missing:
            print(f"{locale}: {missing} strings to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
