from celery import shared_task

from similarity import vectors
from similarity.registry import registration_by_label, registrations

SWEEP_CHUNK = 500


@shared_task(acks_late=True)
def embed_object(label: str, pk: str) -> bool:
    """Bring one object's vector up to its text (queued after each save; similarity.signals).

    Idempotent: with the text unchanged since the last run, the stored vector stays and the
    encoder does not run. An object deleted in the meantime is skipped.
    """
    registration = registration_by_label(label)
    obj = registration.model._default_manager.filter(pk=pk).first()
    return obj is not None and vectors.refresh_vector(obj)


@shared_task(acks_late=True)
def embed_stale_vectors() -> int:
    """Every registered object whose vector is missing or older than its text, in batches.

    What a save's task did not do (the broker was away, a new encoder) is done here, so
    that the review screens find every vector ready. Returns how many were computed.
    """
    computed = 0
    for registration in registrations():
        queryset = registration.model._default_manager.order_by("pk")
        last = None
        while True:
            chunk = list((queryset.filter(pk__gt=last) if last is not None else queryset)[:SWEEP_CHUNK])
            if not chunk:
                break
            computed += vectors.refresh_vectors(chunk)
            last = chunk[-1].pk
    return computed
