"""A Django view that returns the list page's bytes without building them.

The yardstick of the list page: the same request through the same gunicorn, the same
middleware and the same response size, minus the queries and the template. bench/run.py
captures the list page once and names the file in BENCH_TRIVIAL_BODY; each worker reads
it at its first request.
"""

import os
from functools import cache

from django.http import HttpResponse


@cache
def _body() -> bytes:
    with open(os.environ["BENCH_TRIVIAL_BODY"], "rb") as captured:
        return captured.read()


def same_bytes(request):
    return HttpResponse(_body(), content_type="text/html; charset=utf-8")
