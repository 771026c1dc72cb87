from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from webinars import page_cache

        # The public topic list shows the proposals under consideration, as received.
        page_cache.watch(
            "proposals.Proposal",
            "proposals.ProposalPart",
            "proposals.ConsultationCycle",
            "proposals.CandidateTopic",
            m2m_owners=("proposals.Proposal",),
        )
