"""The admin pieces every app's admin shares: searching every language of a translated
field, the state-transition check, a history that can be read but never reverted, and the
small constants of the Secretariat's admin pages."""

import copy

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin
from modeltranslation.utils import get_translation_fields
from simple_history.admin import SimpleHistoryAdmin


def in_every_language(*field_names: str) -> tuple[str, ...]:
    """Search a translated field in all six languages, whatever the admin's language."""
    return tuple(get_translation_fields(*field_names))


class StateTransitionForm(forms.ModelForm):
    """Refuses a change of state that the model's ``TRANSITIONS`` do not allow.

    ``clean()`` runs before the form's values reach the instance, so the instance still
    holds the state it has in the database.
    """

    def clean(self):
        cleaned_data = super().clean()
        state_field = self.instance.state_field
        new_state = cleaned_data.get(state_field)
        if self.instance.pk is None or state_field not in self.changed_data or not new_state:
            return cleaned_data
        try:
            copy.copy(self.instance).change_state(new_state)
        except ValidationError as error:
            self.add_error(state_field, error)
        return cleaned_data


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to revert.

    A revert saves the old row whole: it would put back an old state or audit date
    behind the services' back.
    """

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class TranslatedHistoryAdmin(ReadOnlyHistoryAdmin, TabbedDjangoJqueryTranslationAdmin):
    """Language tabs for the translated fields, and the read-only history."""


class TabbedTranslationMedia:
    """For an untranslated model whose inlines are translated: the tabs' scripts."""

    class Media:
        js = TabbedDjangoJqueryTranslationAdmin.Media.js
        css = TabbedDjangoJqueryTranslationAdmin.Media.css


RECORD = _("Audit trail")
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}
