"""Stored vectors: read when the text is unchanged, computed in one batch when it is not.

A vector stands for one version of an object's text: the row keeps the text's digest and
the encoder's name, and a row whose digest or encoder differs from today's is recomputed.
So the review screens read vectors the save task wrote (similarity.tasks), and fill in,
in one encoder call, only what a lost task or a new encoder left behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, prefetch_related_objects
from django.utils import timezone

from similarity import encoder, registry
from similarity.models import TextVector


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def as_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")


def unit_rows(vectors) -> np.ndarray:
    """Each row scaled to length one (a zero row stays zero), so that a product of rows is a cosine.

    For sums or means of stored vectors (a proposal's texts, an entry's proposals, one
    suggestion's spellings): the encoder's own vectors already have length one.
    """
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return matrix / norms


def vectors_for(objects: Sequence[Model]) -> np.ndarray:
    """The vectors of registered objects, one row each in their order (float32, length one or zero).

    Reads the stored rows (one query per model); the objects whose text changed since, or
    that have no row, are encoded together in one call and their rows written in one upsert.
    """
    return _vectors(list(objects))[0]


def _vectors(objects: list[Model]) -> tuple[np.ndarray, int]:
    """The vectors, and how many of them the encoder had to compute."""
    result = np.zeros((len(objects), encoder.DIMENSIONS), dtype=np.float32)
    if not objects:
        return result, 0
    by_model: dict[type[Model], list[int]] = {}
    for n, obj in enumerate(objects):
        by_model.setdefault(registry.registration_for(obj).model, []).append(n)
    missing: list[tuple[int, ContentType, str, str]] = []  # (row, content type, text, digest)
    for model, rows in by_model.items():
        registration = registry.registration_for(model)
        if registration.prefetch:
            prefetch_related_objects([objects[n] for n in rows], *registration.prefetch)
        content_type = ContentType.objects.get_for_model(model)
        stored = {
            object_id: (digest, vector)
            for object_id, digest, vector in TextVector.objects.filter(
                content_type=content_type,
                encoder=encoder.ENCODER,
                object_id__in={str(objects[n].pk) for n in rows},
            ).values_list("object_id", "digest", "vector")
        }
        for n in rows:
            text = registry.text_of(objects[n])
            digest = text_digest(text)
            found = stored.get(str(objects[n].pk))
            if found is not None and found[0] == digest:
                result[n] = from_bytes(found[1])
            else:
                missing.append((n, content_type, text, digest))
    if missing:
        texts = list(dict.fromkeys(text for _n, _ct, text, _d in missing))
        encoded = dict(zip(texts, encoder.encode(texts), strict=True))
        for n, _ct, text, _d in missing:
            result[n] = encoded[text]
        _store(
            {
                (content_type.pk, str(objects[n].pk)): TextVector(
                    content_type=content_type,
                    object_id=str(objects[n].pk),
                    digest=digest,
                    encoder=encoder.ENCODER,
                    vector=as_bytes(result[n]),
                    updated_at=timezone.now(),
                )
                for n, content_type, _text, digest in missing
            }.values()
        )
    return result, len(missing)


def _store(rows) -> None:
    """Insert or replace, in one statement: two workers storing the same object agree."""
    with transaction.atomic():
        TextVector.objects.bulk_create(
            list(rows),
            batch_size=500,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["digest", "encoder", "vector", "updated_at"],
        )


def refresh_vector(obj: Model) -> bool:
    """Bring the object's stored vector up to its text; True when the encoder ran."""
    return _vectors([obj])[1] > 0


def refresh_vectors(objects: Sequence[Model]) -> int:
    """Bring the objects' stored vectors up to their texts; how many the encoder computed."""
    return _vectors(list(objects))[1]


def forget_vector(obj: Model) -> None:
    """The object is gone: so is its vector."""
    content_type = ContentType.objects.get_for_model(registry.registration_for(obj).model)
    TextVector.objects.filter(content_type=content_type, object_id=str(obj.pk)).delete()
