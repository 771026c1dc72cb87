"""After a registered object is saved, its vector is recomputed in a task, once the rows are committed.

The task compares the text's digest with the stored one and encodes only when the text
changed; a save that names its fields (update_fields) and touches none of the text's
fields queues nothing. A deleted object's vector goes with it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from similarity.registry import Registration


def _queue(label: str, pks) -> None:
    from portal.handoff import hand_over
    from similarity.tasks import embed_object

    for pk in dict.fromkeys(pks):
        if pk is not None:
            transaction.on_commit(lambda pk=pk: hand_over(embed_object, label, str(pk)))


def connect(registration: Registration) -> None:
    label = registration.label

    def saved(sender, instance, raw=False, update_fields=None, **kwargs):
        if raw:  # loading fixtures: the rows may not be complete yet
            return
        if update_fields is not None and registration.fields is not None and not registration.fields & update_fields:
            return
        _queue(label, [instance.pk])

    def deleted(sender, instance, **kwargs):
        from similarity.vectors import forget_vector

        forget_vector(instance)

    post_save.connect(saved, sender=registration.model, weak=False, dispatch_uid=f"similarity-save-{label}")
    post_delete.connect(deleted, sender=registration.model, weak=False, dispatch_uid=f"similarity-delete-{label}")
    for related, owners in registration.follows.items():

        def related_saved(sender, instance, raw=False, owners=owners, **kwargs):
            if not raw:
                _queue(label, owners(instance))

        uid = f"similarity-follow-{label}-{related._meta.label_lower}"
        post_save.connect(related_saved, sender=related, weak=False, dispatch_uid=uid)
        post_delete.connect(related_saved, sender=related, weak=False, dispatch_uid=f"{uid}-delete")
