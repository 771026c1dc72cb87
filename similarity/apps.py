from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarityConfig(AppConfig):
    """What texts mean, across the six languages: a sentence encoder and the Secretariat's thesaurus.

    A shared app, like the outbox: the domain apps register the texts they hold
    (similarity.registry) and read vectors and concepts from here; this app imports none of them.
    """

    name = "similarity"
    verbose_name = _("Similarity of texts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The thesaurus recompiles when the Secretariat edits a concept or a term (its receivers).
        from similarity import thesaurus  # noqa: F401
