from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import security_key_views, twofactor_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path(_("sign-in/"), views.SignInView.as_view(), name="login"),
    path(_("sign-out/"), views.SignOutView.as_view(), name="logout"),
    path(_("sign-up/"), views.sign_up, name="sign_up"),
    path(_("sign-up/sent/"), views.sign_up_done, name="sign_up_done"),
    path(_("confirm/<str:token>/"), views.verify, name="verify"),
    path(_("login-link/"), views.login_link, name="login_link"),
    path(_("login-link/sent/"), views.login_link_sent, name="login_link_sent"),
    path(_("login-link/sign-in/"), views.login_link_confirm, name="login_link_confirm"),
    path(_("password/reset/"), views.PasswordResetView.as_view(), name="password_reset"),
    path(
        _("password/reset/sent/"),
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        _("password/reset/<uidb64>/<token>/"),
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        _("password/reset/done/"),
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(_("password/"), views.PasswordChangeView.as_view(), name="password_change"),
    path(_("my-data.json"), views.export, name="export"),
    path(_("delete/"), views.delete, name="delete"),
    path(_("two-step/"), twofactor_views.two_factor, name="two_factor"),
    path(_("two-step/set-up/"), twofactor_views.two_factor_setup, name="two_factor_setup"),
    path(_("two-step/verify/"), twofactor_views.two_factor_verify, name="two_factor_verify"),
    path(_("two-step/recovery-codes/"), twofactor_views.recovery_codes, name="recovery_codes"),
    path(_("two-step/turn-off/"), twofactor_views.two_factor_remove, name="two_factor_remove"),
    path(
        _("two-step/security-keys/add/"),
        security_key_views.security_key_add,
        name="security_key_add",
    ),
    path(
        _("two-step/security-keys/<int:pk>/remove/"),
        security_key_views.security_key_remove,
        name="security_key_remove",
    ),
    path(_("audit-log/"), twofactor_views.audit_log, name="audit_log"),
]
