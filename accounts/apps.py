from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.contrib.auth import signals

        from . import audit, twofactor

        signals.user_logged_in.connect(audit.on_signed_in, dispatch_uid="accounts.audit.in")
        signals.user_login_failed.connect(
            audit.on_sign_in_failed, dispatch_uid="accounts.audit.failed"
        )
        signals.user_logged_in.connect(
            twofactor.on_signed_in, dispatch_uid="accounts.twofactor.opt_in"
        )
        signals.user_logged_out.connect(audit.on_signed_out, dispatch_uid="accounts.audit.out")
