from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "cards"

card_patterns = [
    path("", views.card_detail, name="detail"),
    path(_("edit/"), views.card_edit, name="edit"),
    path(_("confirm/"), views.card_confirm, name="confirm"),
    path(_("remind/"), views.remind, name="remind"),
    path(_("grants/new/"), views.grant_edit, name="grant_add"),
    path(_("grants/<int:pk>/"), views.grant_edit, name="grant_edit"),
    path(_("grants/<int:pk>/remove/"), views.grant_delete, name="grant_delete"),
    path("card.pdf", views.card_pdf, name="pdf"),
]

urlpatterns = [
    path("", views.card_list, name="list"),
    path(_("comparison/"), views.comparison, name="comparison"),
    path(_("grant-calendar/"), views.grant_calendar, name="grant_calendar"),
    path(_("grant-calendar/reminders/"), views.grant_reminders, name="grant_reminders"),
    path("grant-deadlines.ics", views.grant_calendar_ics, name="grant_calendar_ics"),
    path(_("to-check/"), views.stale_cards, name="stale"),
    path(
        _("contacts/<int:pk>/withdraw-consent/"),
        views.contact_consent_withdraw,
        name="contact_consent_withdraw",
    ),
    path("municipality-cards.pdf", views.all_cards_pdf, name="all_pdf"),
    path("<slug:slug>/", include(card_patterns)),
]
