"""The Atom feed of newly published materials: recordings and slides after each webinar."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from webinars import selectors
from webinars.models import Material


class MaterialsFeed(Feed):
    """Titles in the page's language (the URL's prefix); the feed's language follows it."""

    feed_type = Atom1Feed
    link = reverse_lazy("webinars:topic_list")

    def title(self) -> str:
        return _("Technical assistance webinars: new materials")

    def subtitle(self) -> str:
        return _("Recordings, slides and other documents published after each webinar.")

    def items(self):
        return selectors.newly_published_materials(limit=30)

    def item_title(self, item: Material) -> str:
        return _("%(webinar)s: %(kind)s (%(title)s)") % {
            "webinar": item.webinar.title,
            "kind": item.get_kind_display(),
            "title": item.title,
        }

    def item_description(self, item: Material) -> str:
        # Plain text: the feed generator escapes it.
        return item.webinar.summary or item.webinar.description

    def item_link(self, item: Material) -> str:
        return reverse("webinars:webinar_detail", args=[item.webinar.slug]) + "#materials"

    def item_guid(self, item: Material) -> str:
        return f"{self.item_link(item)}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Material):
        return item.published_at

    def item_updateddate(self, item: Material):
        return item.published_at
