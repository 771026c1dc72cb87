from django import template

from planning.reasons import describe
from similarity.thesaurus import concept_label

register = template.Library()


@register.filter
def describe_reason(reason: dict, names: dict | None = None) -> str:
    """{{ reason|describe_reason:names }}; `names` from selectors.reason_names (codes to names)."""
    return describe(reason, names or None)


@register.filter
def concept_name(concept: str, language: str) -> str:
    return concept_label(concept, language or "en")
