import pytest
from django.core.exceptions import ValidationError

from reporting.models import Measure
from reporting.tests.factories import DocumentReferenceFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("symbol", ["CDIP/21/4", "CDIP/8/INF/1", "CDIP/23/17 Prov.", "WO/GA/51/12"])
def test_document_symbols_in_the_committees_shape_are_accepted(symbol):
    DocumentReferenceFactory.build(measure=MeasureFactory(), symbol=symbol).full_clean()


@pytest.mark.parametrize("symbol", ["cdip 21 4", "CDIP", "CDIP//4", "21/4"])
def test_document_symbol_in_the_wrong_shape_gets_a_field_error(symbol):
    reference = DocumentReferenceFactory.build(measure=MeasureFactory(), symbol=symbol)
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert "symbol" in error.value.message_dict


def test_measure_goes_from_proposed_to_implemented_through_under_way():
    measure = MeasureFactory()
    assert not measure.can_change_state(Measure.State.IMPLEMENTED)
    measure.change_state(Measure.State.UNDER_WAY)
    measure.change_state(Measure.State.IMPLEMENTED)
    assert measure.state == Measure.State.IMPLEMENTED


def test_every_change_of_a_measure_is_kept_in_its_history():
    measure = MeasureFactory()
    measure.follow_up = "Keep the compilation up to date."
    measure.save()
    assert measure.history.count() == 2
