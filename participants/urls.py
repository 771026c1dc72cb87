"""The participants' network, registrations and the Secretariat's campaigns.

The paths are those printed in messages already sent (cancel, confirm, unsubscribe,
preferences, opt-out links): they never change.
"""

from django.urls import path

from participants.views import alerts, campaigns, network, registration

app_name = "participants"
urlpatterns = [
    path("webinars/<slug:slug>/tell-me-the-date/", alerts.date_alert, name="date_alert"),
    path("webinars/<slug:slug>/tell-me-the-date/sent/", alerts.date_alert_sent, name="date_alert_sent"),
    path("webinars/<slug:slug>/register/", registration.webinar_register, name="webinar_register"),
    path("webinars/<slug:slug>/registered/", registration.webinar_registered, name="webinar_registered"),
    path("registration/cancel/<str:token>/", registration.registration_cancel, name="registration_cancel"),
    path("network/join/", network.network_join, name="network_join"),
    path("network/join/sent/", network.network_join_sent, name="network_join_sent"),
    path("network/confirm/<str:token>/", network.network_confirm, name="network_confirm"),
    path("network/unsubscribe/<str:token>/", network.network_unsubscribe, name="network_unsubscribe"),
    path("network/preferences/<str:token>/", network.network_preferences, name="network_preferences"),
    path("network/opt-out/<str:token>/", campaigns.campaign_opt_out, name="campaign_opt_out"),
    path("secretariat/campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("secretariat/campaigns/new/<int:webinar_id>/", campaigns.campaign_create, name="campaign_create"),
    path("secretariat/campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("secretariat/campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("secretariat/campaigns/<int:pk>/test/", campaigns.campaign_send_test, name="campaign_send_test"),
    path("secretariat/campaigns/<int:pk>/send/", campaigns.campaign_send, name="campaign_send"),
    path("secretariat/campaigns/kit/<int:webinar_id>/", campaigns.promotion_kit, name="promotion_kit"),
    path("webinars/<slug:slug>/card.svg", campaigns.promotion_card, name="promotion_card"),
]
