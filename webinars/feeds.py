"""The Atom feed of newly published materials: recordings and slides after each webinar."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from webinars import selectors
from webinars.calendar import calendar_text
from webinars.models import Material


class PlainTextAtom1Feed(Atom1Feed):
    """Atom with each entry's summary marked as plain text.

    Django's Atom feed marks the summary as HTML, so a reader would render whatever markup
    the summary holds; a webinar's summary is plain text (its page shows it with line
    breaks only), and no HTML from users goes out.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class MaterialsFeed(Feed):
    """Titles in the page's language (the URL's prefix); the feed's language follows it.

    Texts pass through ``calendar_text``: XML 1.0 holds no control character, and Django's
    feed writer fails on one (a title pasted from a word processor carries vertical tabs).
    """

    feed_type = PlainTextAtom1Feed
    link = reverse_lazy("webinars:topic_list")

    def title(self) -> str:
        return _("Technical assistance webinars: new materials")

    def subtitle(self) -> str:
        return _("Recordings, slides and other documents published after each webinar.")

    def items(self):
        return selectors.newly_published_materials(limit=30)

    def item_title(self, item: Material) -> str:
        return _("%(webinar)s: %(kind)s (%(title)s)") % {
            "webinar": calendar_text(item.webinar.title),
            "kind": item.get_kind_display(),
            "title": calendar_text(item.title),
        }

    def item_description(self, item: Material) -> str:
        # Plain text, marked so (PlainTextAtom1Feed); the feed generator escapes it.
        return calendar_text(item.webinar.summary or item.webinar.description, one_line=False)

    def item_link(self, item: Material) -> str:
        return reverse("webinars:webinar_detail", args=[item.webinar.slug]) + "#materials"

    def item_guid(self, item: Material) -> str:
        return f"{self.item_link(item)}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Material):
        return item.published_at

    def item_updateddate(self, item: Material):
        return item.published_at
