"""Run every benchmark in bench/ against a throw-away database; one line per figure.

Each bench_*.py module has run(report), where report(name, value, unit) prints
`BENCH <name> <value> <unit>`.
"""

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def report(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.3f} {unit}".replace(".000 ", " "), flush=True)


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for path in sorted((ROOT / "bench").glob("bench_*.py")):
            importlib.import_module(f"bench.{path.stem}").run(report)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
