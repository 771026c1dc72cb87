"""Which objects have a vector, and which text stands for each.

The domain apps register their models here in their AppConfig.ready (similarity imports
none of them):

    registry.register(
        Proposal,
        text=proposal_text,                 # the text the vector stands for
        fields=("title", "objectives"),     # a save touching none of these leaves the text alone
        prefetch=("parts",),                # what text() reads, fetched once for many objects
        follows={ProposalPart: lambda part: [part.proposal_id]},  # saving a part changes its proposal's text
    )

Registering connects the receivers (similarity.signals) that recompute a vector in a task
after a save that changes the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Model

TextOf = Callable[[Model], str]
OwnersOf = Callable[[Model], Iterable]  # the primary keys of the registered objects a related save concerns


@dataclass(frozen=True)
class Registration:
    model: type[Model]
    text: TextOf
    fields: frozenset[str] | None = None
    prefetch: tuple[str, ...] = ()
    follows: dict[type[Model], OwnersOf] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """'proposals.proposal': what a task is given to find the model again."""
        return self.model._meta.label_lower


_registrations: dict[type[Model], Registration] = {}


def register(
    model: type[Model],
    *,
    text: TextOf,
    fields: Iterable[str] | None = None,
    prefetch: Iterable[str] = (),
    follows: dict[type[Model], OwnersOf] | None = None,
) -> Registration:
    """Give `model` a vector: `text(obj)` is what it stands for (registering twice replaces)."""
    from similarity import signals

    registration = Registration(
        model=model,
        text=text,
        fields=_with_translations(model, fields) if fields is not None else None,
        prefetch=tuple(prefetch),
        follows=dict(follows or {}),
    )
    _registrations[model] = registration
    signals.connect(registration)
    return registration


def _with_translations(model: type[Model], fields: Iterable[str]) -> frozenset[str]:
    """The fields and, for those translated with modeltranslation, their columns in every language."""
    from modeltranslation.translator import NotRegistered, translator
    from modeltranslation.utils import build_localized_fieldname

    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    names = set(fields)
    for name in names & translated:
        names.update(build_localized_fieldname(name, code) for code, _name in settings.LANGUAGES)
    return frozenset(names)


def registration_for(model_or_object: type[Model] | Model) -> Registration:
    model = model_or_object if isinstance(model_or_object, type) else type(model_or_object)
    model = model._meta.concrete_model
    try:
        return _registrations[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} has no text registered with similarity.registry") from None


def registration_by_label(label: str) -> Registration:
    for registration in _registrations.values():
        if registration.label == label.lower():
            return registration
    raise LookupError(f"{label} has no text registered with similarity.registry")


def registrations() -> list[Registration]:
    return list(_registrations.values())


def text_of(obj: Model) -> str:
    """The text the object's vector stands for, stripped."""
    return " ".join(registration_for(obj).text(obj).split())


def joined(*parts: str | None) -> str:
    """Non-empty parts on separate lines (a helper for the text functions)."""
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _languages() -> list[str]:
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [default, *(code for code, _name in settings.LANGUAGES if code != default)]


def in_one_language(obj: Model, *fields: str) -> str:
    """The fields of an object translated with modeltranslation, read in one fixed language.

    Not the active language: the text (and so its digest) must not change with the language
    of whoever saved the object. The language is the first one (English, then the order of
    settings.LANGUAGES) in which the first field is filled; a field empty there falls back
    to the first language that has it. Fields that are not translated are read as they are.
    """
    from modeltranslation.translator import NotRegistered, translator
    from modeltranslation.utils import build_localized_fieldname

    try:
        translated = set(translator.get_options_for_model(type(obj)).all_fields)
    except NotRegistered:
        translated = set()
    languages = _languages()

    def value(name: str, language: str) -> str:
        column = build_localized_fieldname(name, language) if name in translated else name
        return getattr(obj, column, "") or ""

    first = next((code for code in languages if value(fields[0], code).strip()), languages[0])
    parts = []
    for name in fields:
        parts.append(
            value(name, first) or next((value(name, code) for code in languages if value(name, code).strip()), "")
        )
    return joined(*parts)
