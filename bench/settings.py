"""Settings of the benchmark's gunicorn: the portal's own, plus the bench URLconf.

bench/run.py sets the environment (DEBUG=false, SECRET_KEY, ALLOWED_HOSTS) and names
the throw-away database, the collected static files and a cache key prefix of its own,
so the workers serve exactly what production would, from the bench's data only.
"""

from portal.settings import *  # noqa: F403
from portal.settings import CACHES, DATABASES, env

# The trivial view lives here only; portal/urls.py never mounts it.
ROOT_URLCONF = "bench.urls"

if env("BENCH_DATABASE_NAME", default=""):
    DATABASES["default"]["NAME"] = env("BENCH_DATABASE_NAME")
if env("BENCH_STATIC_ROOT", default=""):
    STATIC_ROOT = env("BENCH_STATIC_ROOT")
# A fresh key prefix per run: the list page starts from an empty cache even on a shared
# Redis, without flushing anybody else's keys.
CACHES["default"]["KEY_PREFIX"] = env("BENCH_CACHE_PREFIX", default="bench")
