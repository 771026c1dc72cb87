"""Forms of the follow-up screen; the rules are in delivery.services.followup and delivery.uploads."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from delivery.selectors.followup import summary_languages
from delivery.services.followup import check_material
from delivery.uploads import FORMATS_BY_KIND, check_material_file, limit_mb
from webinars.models import Language, Material, Webinar


class MaterialUploadForm(forms.Form):
    """Slides or a recording: a file (checked) or a link. The kind comes from the form's prefix,
    which also tells the upload handler which size limit to cut the stream at."""

    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")
    language = forms.ModelChoiceField(label=_("Language"), queryset=Language.objects.none(), required=False)
    publish = forms.BooleanField(label=_("Publish on the webinar's page now"), required=False, initial=True)

    def __init__(self, *args, webinar: Webinar, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.webinar = webinar
        self.fields["language"].queryset = webinar.languages.order_by("order", "code")
        formats = ", ".join(f.label for f in FORMATS_BY_KIND[kind])
        self.fields["file"].help_text = _("%(formats)s; at most %(limit)s MB.") % {
            "formats": formats,
            "limit": limit_mb(kind),
        }
        accept = ",".join(f".{ext}" for f in FORMATS_BY_KIND[kind] for ext in f.extensions)
        self.fields["file"].widget.attrs["accept"] = accept
        if kind == Material.Kind.RECORDING:
            self.fields["url"].help_text = _("A video link (YouTube, Vimeo or the organisation's video platform).")

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            check_material_file(file, kind=self.kind)
        return file

    def clean(self):
        cleaned_data = super().clean()
        if "url" not in self.errors:  # the service's rules; a refused file still counts as one given
            check_material(
                webinar=self.webinar,
                kind=self.kind,
                url=cleaned_data.get("url") or "",
                has_file=bool(cleaned_data.get("file")) or "file" in self.errors,
                upload=None,  # checked by clean_file, where its error belongs
            )
        return cleaned_data


class SummaryForm(forms.Form):
    """The short summary, one box per portal language; the webinar's own languages come first."""

    def __init__(self, *args, webinar: Webinar, **kwargs):
        super().__init__(*args, **kwargs)
        required = summary_languages(webinar)
        names = dict(settings.LANGUAGES)
        codes = required + [code for code, _name in settings.LANGUAGES if code not in required]
        self.webinar_codes = required
        for code in codes:
            column = build_localized_fieldname("summary", code)
            self.fields[code] = forms.CharField(
                label=_("Summary in %(language)s") % {"language": names[code]},
                required=False,
                initial=getattr(webinar, column, ""),
                help_text=_("A language of this webinar.") if code in required else "",
                widget=forms.Textarea(
                    attrs={"rows": 4, "lang": code, "dir": "rtl" if code in settings.LANGUAGES_BIDI else "auto"}
                ),
            )

    def webinar_language_fields(self):
        return [self[code] for code in self.webinar_codes]

    def other_language_fields(self):
        return [self[code] for code in self.fields if code not in self.webinar_codes]

    def has_other_text(self) -> bool:
        return any(field.value() for field in self.other_language_fields())


class AnsweredQuestionForm(forms.Form):
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    publish = forms.BooleanField(label=_("Publish on the webinar's page now"), required=False, initial=True)

    def __init__(self, *args, webinar: Webinar, **kwargs):
        super().__init__(*args, prefix="answer", **kwargs)
        self.fields["language"].initial = summary_languages(webinar)[0]
