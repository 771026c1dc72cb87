from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from accounts.models import User
from accounts.services import queue_password_reset


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the message goes through the outbox in the person's language.

    Whether an account uses the address or not, the page that follows is the same.
    """

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        queue_password_reset(user=context["user"], uidb64=context["uid"], token=context["token"])


def _label(field_name: str) -> str:
    return capfirst(User._meta.get_field(field_name).verbose_name)


class AccountForm(forms.Form):
    """What a person changes about themselves: name and preferred language (see update_account)."""

    first_name = forms.CharField(
        label=_label("first_name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_label("last_name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    language = forms.ChoiceField(label=_label("language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name, so people find theirs whatever the page's language.
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
