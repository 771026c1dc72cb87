"""Run every benchmark in bench/ against a throw-away database; one line per figure.

Each bench_*.py module has run(report), where report(name, value, unit) prints
`BENCH <name> <value> <unit>`.

The process runs as production would (bench/settings.py: the portal's settings plus the
bench URLconf): DEBUG=false, a random SECRET_KEY, static files collected into a
temporary folder for whitenoise's manifest storage. The database is a real one that
gunicorn workers can open too: a temporary SQLite file, or, when DATABASE_URL names a
PostgreSQL database, a throw-away `<name>_bench` on the same server. Both are dropped at
the end, whatever happens.
"""

import importlib
import os
import secrets
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def report(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.3f} {unit}".replace(".000 ", " "), flush=True)


def bench_environment(folder: Path) -> dict[str, str]:
    """What the bench process and its gunicorn share (gunicorn inherits os.environ)."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "BENCH_STATIC_ROOT": str(folder / "static"),
        "BENCH_CACHE_PREFIX": f"bench-{uuid.uuid4().hex[:12]}",
    }


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    os.environ.update(bench_environment(folder))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(folder / "bench.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        os.environ["BENCH_DATABASE_NAME"] = connection.settings_dict["NAME"]
        call_command("collectstatic", interactive=False, verbosity=0)
        print(
            f"bench: {connection.vendor} database {connection.settings_dict['NAME']} migrated and static files "
            f"collected in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        only = os.environ.get("BENCH_ONLY", "")  # e.g. BENCH_ONLY=topic_list: the modules whose name has it
        pattern = f"bench_*{only}*.py" if only else "bench_*.py"
        for path in sorted((ROOT / "bench").glob(pattern)):
            importlib.import_module(f"bench.{path.stem}").run(report)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
