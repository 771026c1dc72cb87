from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def proposal_text(proposal) -> str:
    """What a proposal is about: its title, objectives, topics and the parts of a series.

    Not the audience, regions or comment: every proposal names much the same audiences, and
    they would make proposals on different subjects look alike.
    """
    from similarity.registry import joined

    parts = [text for part in proposal.parts.all() for text in (part.title, part.objectives)]
    return joined(proposal.title, proposal.objectives, proposal.topics, *parts)


def candidate_topic_text(candidate) -> str:
    from similarity.registry import in_one_language

    return in_one_language(candidate.topic, "title", "summary", "objectives")


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from proposals.models import CandidateTopic, Proposal, ProposalPart
        from similarity import registry
        from webinars import page_cache
        from webinars.models import Topic

        # The public topic list shows the proposals under consideration, as received.
        page_cache.watch(
            "proposals.Proposal",
            "proposals.ProposalPart",
            "proposals.ConsultationCycle",
            "proposals.CandidateTopic",
            m2m_owners=("proposals.Proposal",),
        )
        # Vectors for the synergy suggestions, duplicates and expert suggestions (similarity).
        registry.register(
            Proposal,
            text=proposal_text,
            fields=("title", "objectives", "topics"),
            prefetch=("parts",),
            follows={ProposalPart: lambda part: [part.proposal_id]},
        )
        registry.register(
            CandidateTopic,
            text=candidate_topic_text,
            fields=("topic",),
            prefetch=("topic",),
            follows={Topic: lambda topic: topic.candidacies.values_list("pk", flat=True)},
        )
