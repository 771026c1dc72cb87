"""The portal's URLs plus the benchmark's yardsticks, the trivial view and the insert view (bench settings only)."""

from django.urls import path

from bench import insert_view, trivial
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/trivial/", trivial.same_bytes, name="bench_trivial"),
    path("bench/insert/", insert_view.insert_one_row, name="bench_insert"),
    *portal_urlpatterns,
]
