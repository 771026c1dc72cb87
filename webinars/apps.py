from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def webinar_text(webinar) -> str:
    from similarity.registry import in_one_language

    return in_one_language(webinar, "title", "description", "objectives")


def expert_text(expert) -> str:
    """What an expert can speak on: expertise first, then position and biography."""
    from similarity.registry import in_one_language, joined

    return joined(expert.expertise, in_one_language(expert, "title", "biography"))


def feedback_text(feedback) -> str:
    """A participant's or expert's topic suggestion, as written (the rest of the answer is about the webinar held)."""
    return feedback.topic_suggestion


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Webinars")

    def ready(self) -> None:
        # Connects the receivers that keep the cached public pages fresh.
        from similarity import registry
        from webinars import page_cache  # noqa: F401
        from webinars.models import Expert, Feedback, Webinar

        # Vectors for duplicates (a proposal close to a webinar held) and expert suggestions.
        registry.register(Webinar, text=webinar_text, fields=("title", "description", "objectives"))
        registry.register(Expert, text=expert_text, fields=("expertise", "title", "biography"))
        # Vectors for the next cycle's candidate topics: the same suggestion in several languages is one topic.
        registry.register(Feedback, text=feedback_text, fields=("topic_suggestion",))
