"""The portal's URLs plus the benchmark's trivial view (bench settings only)."""

from django.urls import path

from bench import trivial
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/trivial/", trivial.same_bytes, name="bench_trivial"), *portal_urlpatterns]
