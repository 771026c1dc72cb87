"""The Secretariat edits the thesaurus; the encoder's stored vectors can be read, never typed.

A concept's terms are edited on its page, in the six languages. A save applies at the
next suggestion shown, in every process (similarity.thesaurus listens to the saves).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from portal.admin_kit import in_every_language
from similarity.models import Concept, Term, TextVector
from similarity.thesaurus import validate_term

TERM_HELP = _(
    "Whole words, without case or accents. End a word with * to find longer words too "
    "(brevet* finds brevets). A word in capitals (PCT, IA) finds only capitals. Arabic: "
    "found after و ف ب ك ل and the article. Chinese: found as written, so choose a term "
    "that means one thing (气候变化, not 环境)."
)


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ("language", "text")
        help_texts = {"text": TERM_HELP}

    def clean_text(self):
        return validate_term(self.cleaned_data["text"])


class TermInline(admin.TabularInline):
    model = Term
    form = TermForm
    fields = ("language", "text")
    extra = 1


@admin.register(Concept)
class ConceptAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("label", "slug", "scope_area", "term_count")
    list_filter = ("scope_area",)
    search_fields = ("slug", *in_every_language("label"), "terms__text")
    prepopulated_fields = {"slug": ("label",)}
    inlines = [TermInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(term_count=Count("terms"))

    def get_readonly_fields(self, request, obj=None):
        # The slug is stable: suggestions already made keep it.
        return ("slug",) if obj is not None else ()

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    @admin.display(description=_("terms"), ordering="term_count")
    def term_count(self, concept):
        return concept.term_count


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    """Every term in one list: which concept a word names, in which language."""

    form = TermForm
    list_display = ("text", "language", "concept")
    list_filter = ("language", "concept__scope_area")
    list_select_related = ("concept",)
    search_fields = ("text", "concept__slug", *(f"concept__{field}" for field in in_every_language("label")))
    autocomplete_fields = ("concept",)
    fields = ("concept", "language", "text")

    def get_form(self, request, obj=None, change=False, **kwargs):
        # TermForm lists the inline's fields; here the concept is chosen too.
        kwargs["fields"] = self.fields
        return super().get_form(request, obj, change=change, **kwargs)


@admin.register(TextVector)
class TextVectorAdmin(admin.ModelAdmin):
    """Read only: the encoder writes a vector when the text it stands for is saved."""

    list_display = ("content_type", "object_id", "encoder", "updated_at")
    list_filter = ("encoder", "content_type")
    list_select_related = ("content_type",)
    search_fields = ("object_id", "digest")
    date_hierarchy = "updated_at"
    fields = ("content_type", "object_id", "about_object", "encoder", "digest", "size", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("text of"))
    def about_object(self, vector):
        try:
            return vector.about or "—"
        except (ObjectDoesNotExist, ValueError, ValidationError):
            return "—"

    @admin.display(description=_("size (bytes)"))
    def size(self, vector):
        return len(vector.vector or b"")
