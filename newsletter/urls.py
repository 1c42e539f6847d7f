from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import account, coordinator, editors, public

app_name = "newsletter"
urlpatterns = [
    path("", public.subscribe, name="subscribe"),
    path(_("confirm/<str:token>/"), public.confirm, name="confirm"),
    path(_("preferences/<str:token>/"), public.preferences, name="preferences"),
    path(_("unsubscribe/<str:token>/"), public.unsubscribe_view, name="unsubscribe"),
    path(_("account/unsubscribe/"), account.account_unsubscribe, name="account_unsubscribe"),
    path(_("account/erase/"), account.account_erase, name="account_erase"),
    path(_("archive/"), public.archive, name="archive"),
    path(_("archive/<int:pk>/"), public.archive_detail, name="archive_detail"),
    path("feedback/", public.feedback_webhook, name="feedback"),
    path(_("offers/"), editors.my_offers, name="my_offers"),
    path(_("offers/new/"), editors.offer_new, name="offer_new"),
    path(_("coordinator/"), coordinator.dashboard, name="coordinator"),
    path(_("coordinator/offers/<int:pk>/"), coordinator.offer_decide_view, name="offer_decide"),
    path(_("coordinator/issues/new/"), coordinator.issue_edit, name="issue_new"),
    path(_("coordinator/issues/<int:pk>/"), coordinator.issue_detail, name="issue"),
    path(_("coordinator/issues/<int:pk>/edit/"), coordinator.issue_edit, name="issue_edit"),
    path(_("coordinator/issues/<int:pk>/preview/"), coordinator.issue_preview, name="preview"),
    path(_("coordinator/issues/<int:pk>/test/"), coordinator.issue_test, name="test"),
    path(_("coordinator/issues/<int:pk>/send/"), coordinator.issue_schedule_view, name="schedule"),
    path(
        _("coordinator/issues/<int:pk>/unschedule/"),
        coordinator.issue_unschedule_view,
        name="unschedule",
    ),
]
