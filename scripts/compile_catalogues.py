"""Compile every catalogue in locale/ to .mo.

With GNU gettext present, `msgfmt --check` compiles and checks each catalogue (Arabic
has six plural forms: a catalogue that gets them wrong fails here). On a bare machine
without gettext, polib compiles the same catalogues so that `make run` still works.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main() -> int:
    msgfmt = shutil.which("msgfmt")
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    for po in catalogues:
        mo = po.with_suffix(".mo")
        if msgfmt:
            result = subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], capture_output=True, text=True)  # noqa: S603
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                return result.returncode
        else:
            polib.pofile(str(po)).save_as_mofile(str(mo))
    tool = "msgfmt --check" if msgfmt else "polib (GNU gettext not installed)"
    print(f"Compiled {len(catalogues)} catalogues with {tool}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
