from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "privacy"
urlpatterns = [
    path(_("privacy/"), views.privacy_notice, name="notice"),
    path(_("accessibility/"), views.accessibility_statement, name="accessibility"),
    path(_("accessibility/thanks/"), views.feedback_sent, name="feedback_sent"),
    path(_("accessibility/checked/"), views.accessibility_statement_check, name="statement_check"),
    path(_("content-policy/"), views.content_policy, name="content_policy"),
]
