"""History for models with translated fields.

simple_history builds a model's history table when the model class is created, before
modeltranslation adds the per-language columns; registering history right after the
translation registration gives a history that keeps every language.
"""

from simple_history import register as register_history


def track_history(model, **options) -> None:
    register_history(model, **options)
