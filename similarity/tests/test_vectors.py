"""Stored vectors: written after a save that changes the text, read otherwise, filled in one batch."""

import ast
import pathlib

import numpy as np
import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from portal import handoff
from proposals.models import CandidateTopic, Proposal
from proposals.tests.factories import CandidateTopicFactory, ProposalFactory, ProposalPartFactory
from similarity import encoder, registry, tasks, vectors
from similarity.models import TextVector
from webinars.models import Expert, Webinar
from webinars.tests.factories import ExpertFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def encoded(monkeypatch):
    """The texts of every encoder call, in order (the real encoder still runs)."""
    calls: list[list[str]] = []
    real = encoder.encode

    def counting(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(encoder, "encode", counting)
    return calls


def stored(obj) -> TextVector | None:
    content_type = ContentType.objects.get_for_model(type(obj))
    return TextVector.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()


def test_a_proposal_gets_its_vector_once_its_save_is_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = ProposalFactory(title="Patent licensing for universities", objectives="Technology transfer.")
    row = stored(proposal)
    assert row is not None
    assert row.encoder == encoder.ENCODER
    assert row.digest == vectors.text_digest(registry.text_of(proposal))
    expected = encoder.encode([registry.text_of(proposal)])[0]
    assert np.allclose(vectors.from_bytes(row.vector), expected, atol=1e-5)


def test_nothing_is_stored_before_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        proposal = ProposalFactory()
    assert callbacks
    assert stored(proposal) is None


def test_a_save_that_keeps_the_text_does_not_run_the_encoder(django_capture_on_commit_callbacks, encoded):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = ProposalFactory(title="Collective management of music rights")
    encoded.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal.preferred_period = Proposal.Period.Q2
        proposal.save()
    assert encoded == []


def test_a_state_change_saved_with_its_fields_queues_nothing(django_capture_on_commit_callbacks, monkeypatch):
    proposal = ProposalFactory()
    handed = []
    monkeypatch.setattr(handoff, "hand_over", lambda task, *args: handed.append((task.name, args)))
    with django_capture_on_commit_callbacks(execute=True):
        proposal.save(update_fields=["state", "version", "updated_at"])
    assert handed == []
    with django_capture_on_commit_callbacks(execute=True):
        proposal.save(update_fields=["title", "updated_at"])
    assert handed == [("similarity.tasks.embed_object", ("proposals.proposal", str(proposal.pk)))]


def test_a_new_text_recomputes_the_vector(django_capture_on_commit_callbacks, encoded):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = ProposalFactory(title="Collective management of music rights")
    before = bytes(stored(proposal).vector)
    encoded.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal.objectives = "How societies share royalties with performers."
        proposal.save()
    assert len(encoded) == 1
    assert "royalties" in encoded[0][0]
    row = stored(proposal)
    assert bytes(row.vector) != before
    assert row.digest == vectors.text_digest(registry.text_of(proposal))


def test_a_new_part_of_a_series_recomputes_its_proposals_vector(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = ProposalFactory(shape=Proposal.Shape.SERIES, title="Trademarks for small firms")
    digest = stored(proposal).digest
    with django_capture_on_commit_callbacks(execute=True):
        ProposalPartFactory(proposal=proposal, position=1, title="Filing abroad under the Madrid system")
    assert stored(proposal).digest != digest
    assert "Madrid" in registry.text_of(Proposal.objects.get(pk=proposal.pk))


def test_editing_a_topic_recomputes_the_vector_of_its_candidacy(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        candidate = CandidateTopicFactory(topic__title="Geographical indications")
    digest = stored(candidate).digest
    with django_capture_on_commit_callbacks(execute=True):
        candidate.topic.objectives = "Protecting the names of coffee and tea of origin."
        candidate.topic.save()
    assert stored(candidate).digest != digest


def test_webinars_and_experts_have_vectors_too(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        webinar = WebinarFactory(title="Patent drafting")
        expert = ExpertFactory(expertise="Brevets et transfert de technologie")
    assert stored(webinar) is not None
    assert stored(expert) is not None
    assert "Brevets" in registry.text_of(expert)


def test_a_deleted_object_loses_its_vector(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        expert = ExpertFactory(expertise="Copyright")
    pk = expert.pk
    expert.delete()
    assert not TextVector.objects.filter(object_id=str(pk), content_type__model="expert").exists()


def test_the_text_is_the_same_whatever_language_is_active():
    webinar = WebinarFactory.build(title_en="Patents", title_fr="Brevets", objectives_fr="Rédiger une demande.")
    with translation.override("fr"):
        in_french = registry.text_of(webinar)
    with translation.override("ar"):
        in_arabic = registry.text_of(webinar)
    assert in_french == in_arabic
    assert in_french.startswith("Patents")
    assert "Rédiger" in in_french  # a field empty in English falls back to the language that has it


def test_vectors_for_fills_the_gaps_in_one_encoder_call(encoded):
    proposals = [ProposalFactory(title=f"Subject number {n}") for n in range(5)]
    vectors.vectors_for(proposals[:3])
    encoded.clear()
    result = vectors.vectors_for(proposals)
    assert len(encoded) == 1
    assert sorted(encoded[0]) == sorted(registry.text_of(p) for p in proposals[3:])
    assert TextVector.objects.count() == 5
    assert np.allclose(result, encoder.encode([registry.text_of(p) for p in proposals]), atol=1e-5)


def test_vectors_for_reads_stored_vectors_in_one_query_per_model(django_assert_num_queries, encoded):
    proposals = list(Proposal.objects.filter(pk__in=[ProposalFactory().pk for _ in range(4)]))
    experts = list(Expert.objects.filter(pk__in=[ExpertFactory(expertise=f"Field {n}").pk for n in range(3)]))
    vectors.vectors_for([*proposals, *experts])
    proposals = list(Proposal.objects.filter(pk__in=[p.pk for p in proposals]))
    experts = list(Expert.objects.filter(pk__in=[e.pk for e in experts]))
    encoded.clear()
    # proposals: their parts and their vectors; experts: their vectors
    with django_assert_num_queries(3):
        result = vectors.vectors_for([*proposals, *experts])
    assert encoded == []
    assert result.shape == (7, encoder.DIMENSIONS)


def test_a_vector_of_another_encoder_is_recomputed(encoded):
    proposal = ProposalFactory()
    vectors.vectors_for([proposal])
    TextVector.objects.update(encoder="an-older-encoder")
    encoded.clear()
    vectors.vectors_for([proposal])
    assert len(encoded) == 1
    assert stored(proposal).encoder == encoder.ENCODER


def test_the_task_skips_an_object_deleted_in_the_meantime():
    assert tasks.embed_object("webinars.expert", "999999") is False


def test_the_sweep_computes_what_a_lost_task_left_behind():
    webinar = WebinarFactory()  # its task never ran (no commit in this test)
    candidate = CandidateTopicFactory()
    assert stored(webinar) is None
    assert tasks.embed_stale_vectors() >= 2
    assert stored(webinar) is not None and stored(candidate) is not None
    assert tasks.embed_stale_vectors() == 0


def test_the_domain_models_are_registered():
    labels = {registration.label for registration in registry.registrations()}
    assert {"proposals.proposal", "proposals.candidatetopic", "webinars.webinar", "webinars.expert"} <= labels
    assert registry.registration_for(CandidateTopic).model is CandidateTopic
    assert registry.registration_for(Webinar).model is Webinar


def test_similarity_imports_no_domain_app():
    domain = {"webinars", "participants", "delivery", "proposals", "planning", "reporting"}
    root = pathlib.Path(__file__).resolve().parent.parent
    found = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in domain]
    assert found == []
