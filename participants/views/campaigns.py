"""The Secretariat's campaign screens and the promotion kit; the opt-out page of past participants.

Thin callers of participants/services/campaigns.py: find the object, check the permission, call the service,
render or redirect. Sending and testing are POSTs with CSRF; the opt-out address is the one
exception, since mail programs POST to it directly (RFC 8058 one-click) and its signature
is the authorisation.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from participants import permissions
from participants.forms.campaigns import CampaignForm
from participants.models import Campaign
from participants.services import campaigns
from portal.permissions import staff_page
from portal.signing import InvalidLink
from portal.views import link_not_valid
from webinars.models import Webinar


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("webinar__topic", "created_by", "sent_by"), pk=pk)


def _promotable_webinars():
    return Webinar.objects.filter(status__in=campaigns.PROMOTABLE_STATUSES)


@staff_page("participants.view_campaign")
@require_GET
def campaign_list(request):
    """Webinars still to come, each with its campaigns and a link to its promotion kit."""
    webinars = (
        _promotable_webinars()
        .annotate(campaign_count=Count("campaigns"))
        .prefetch_related(Prefetch("campaigns", queryset=Campaign.objects.order_by("-created_at")))
        .order_by("starts_at", "title")
    )
    context = {"webinars": webinars, "can_create": permissions.can_create_campaign(request.user)}
    return render(request, "participants/campaigns/list.html", context)


def _render_form(request, *, form, webinar, campaign=None, counts=None):
    context = {"form": form, "webinar": webinar, "campaign": campaign, "counts": counts}
    return render(request, "participants/campaigns/form.html", context)


def _handle_form(request, *, campaign: Campaign):
    form = CampaignForm(request.POST or None, instance=campaign)
    counts = None
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        areas, regions = list(form.cleaned_data["scope_areas"]), list(form.cleaned_data["regions"])
        if "count" in request.POST:
            counts = campaigns.count_unsaved_audience(campaign=draft, scope_areas=areas, regions=regions)
        else:
            try:
                saved = campaigns.save_campaign(campaign=draft, actor=request.user, scope_areas=areas, regions=regions)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The campaign is saved as a draft."))
                return redirect("participants:campaign_detail", pk=saved.pk)
    elif campaign.pk:
        counts = campaigns.audience_counts(campaign)
    return _render_form(
        request, form=form, webinar=campaign.webinar, campaign=campaign if campaign.pk else None, counts=counts
    )


@staff_page("participants.add_campaign")
@require_http_methods(["GET", "POST"])
def campaign_create(request, webinar_id: int):
    webinar = get_object_or_404(_promotable_webinars().select_related("topic"), pk=webinar_id)
    return _handle_form(request, campaign=Campaign(webinar=webinar, created_by=request.user))


@staff_page("participants.change_campaign")
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    campaign = _campaign(pk)
    if not campaign.is_draft:
        messages.error(request, _("This campaign was sent; it can no longer be changed."))
        return redirect("participants:campaign_detail", pk=campaign.pk)
    return _handle_form(request, campaign=campaign)


def _preview_language(request) -> str:
    codes = [code for code, _label in settings.LANGUAGES]
    language = request.GET.get("lang") or get_language()
    return language if language in codes else settings.LANGUAGE_CODE


@staff_page("participants.view_campaign")
@require_GET
def campaign_detail(request, pk: int):
    """The campaign's audience (counts by language), its preview in one language at a time,
    the test and send buttons while a draft, and the delivery figures once sent."""
    campaign = _campaign(pk)
    language = _preview_language(request)
    context = {
        "campaign": campaign,
        "webinar": campaign.webinar,
        "preview": campaigns.preview_campaign(campaign, language),
        "preview_languages": settings.LANGUAGES,
        "counts": campaigns.audience_counts(campaign) if campaign.is_draft else None,
        "delivery": campaigns.delivery_counts(campaign) if not campaign.is_draft else None,
        "can_change": permissions.can_change_campaign(request.user, campaign),
        "can_send": permissions.can_send_campaign(request.user, campaign),
    }
    return render(request, "participants/campaigns/detail.html", context)


@staff_page("participants.change_campaign")
@require_POST
def campaign_send_test(request, pk: int):
    campaign = _campaign(pk)
    language = _preview_language(request)
    try:
        notice = campaigns.send_campaign_test(campaign=campaign, actor=request.user, language=request.POST.get("lang"))
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("A test was sent to %(email)s.") % {"email": notice.to})
    return redirect(f"{reverse('participants:campaign_detail', kwargs={'pk': campaign.pk})}?lang={language}")


@staff_page("participants.send_campaign")
@require_http_methods(["GET", "POST"])
def campaign_send(request, pk: int):
    """GET asks for confirmation, showing how many people will receive the message; POST sends."""
    campaign = _campaign(pk)
    if request.method == "POST":
        try:
            campaign = campaigns.send_campaign(campaign=campaign, actor=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request,
                _("The campaign is sent: %(count)s messages are in the outbox.") % {"count": campaign.sent_count},
            )
        return redirect("participants:campaign_detail", pk=campaign.pk)
    if not campaign.is_draft:
        messages.error(request, _("This campaign was already sent; a campaign is sent only once."))
        return redirect("participants:campaign_detail", pk=campaign.pk)
    counts = campaigns.audience_counts(campaign)
    return render(request, "participants/campaigns/send_confirm.html", {"campaign": campaign, "counts": counts})


@staff_page("participants.view_campaign")
@require_GET
def promotion_kit(request, webinar_id: int):
    webinar = get_object_or_404(Webinar.objects.select_related("topic"), pk=webinar_id)
    return render(
        request, "participants/campaigns/kit.html", {"webinar": webinar, "kit": campaigns.promotion_kit(webinar)}
    )


@require_GET
def promotion_card(request, slug: str):
    """The kit's image, in the page's language. Public for a public webinar (focal points
    link to it); a webinar still being planned shows it only to those preparing its campaigns."""
    can_see_all = permissions.can_see_unpublished_webinar_card(request.user)
    webinars = Webinar.objects.all() if can_see_all else Webinar.objects.public()
    webinar = get_object_or_404(webinars, slug=slug)
    response = HttpResponse(campaigns.promotion_card_svg(webinar, get_language()), content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Content-Disposition"] = f'inline; filename="{webinar.slug}-{get_language()}.svg"'
    return response


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def campaign_opt_out(request, token: str):
    """A past participant outside the network asks for no more messages: GET shows a
    button, any POST with a valid signature records it (including RFC 8058 one-click)."""
    try:
        email = campaigns.address_from_opt_out_token(token)
    except InvalidLink as error:
        return link_not_valid(
            request, error, what=_("Every message we send carries a link to stop receiving them: try the latest.")
        )
    if request.method == "POST":
        if email is not None:
            campaigns.opt_out_address(email=email, actor=request.user)
        return render(request, "participants/campaigns/opted_out.html", {"at": timezone.now()})
    return render(request, "participants/campaigns/opt_out.html", {"email": email, "token": token})
