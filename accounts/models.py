"""People who sign in, and the roles that say what each of them may change.

Roles: the coordinator (everything), an organization editor (of one or more
organizations), a municipality editor (of one or more municipalities' cards), and
the public (no account). The rules that read these live in accounts/permissions.py.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, TimestampMixin


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_coordinator", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; signs in with an e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("The regional coordinator may see and change everything."),
    )
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name or self.email


class EditorRole(models.Model):
    """A person's right to edit one thing; each concrete role names the user and the thing."""

    granted_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("granted"), auto_now_add=True)

    # The name of the foreign key to what the role lets the person edit.
    target_field: str

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.user} – {getattr(self, self.target_field)}"


class OrganizationEditor(EditorRole):
    """The person may edit the organization's profile, events and activities."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="organization_roles", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="editor_roles",
        verbose_name=_("association"),
    )
    target_field = "organization"

    class Meta:
        verbose_name = _("association editor")
        verbose_name_plural = _("association editors")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_org")
        ]


class MunicipalityEditor(EditorRole):
    """The person keeps the municipality's card (kuntakortti) up to date."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="municipality_roles", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="editor_roles",
        verbose_name=_("municipality"),
    )
    target_field = "municipality"

    class Meta:
        verbose_name = _("municipality editor")
        verbose_name_plural = _("municipality editors")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_role_per_municipality"
            )
        ]


class AuditEntry(models.Model):
    """One sign-in, second-factor or coordinator event: who, what, when and from where.

    Admin edits are in Django's own LogEntry; the coordinator's page shows both.
    """

    class Action(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGNED_OUT = "signed_out", _("Signed out")
        SECOND_FACTOR_VERIFIED = "2fa_verified", _("Second factor verified")
        SECOND_FACTOR_FAILED = "2fa_failed", _("Wrong second-factor code")
        SECOND_FACTOR_ENROLLED = "2fa_enrolled", _("Two-step verification turned on")
        SECOND_FACTOR_REMOVED = "2fa_removed", _("Two-step verification turned off")
        RECOVERY_CODES_MADE = "recovery_codes", _("New recovery codes made")
        SECURITY_KEY_ADDED = "key_added", _("Security key added")
        SECURITY_KEY_REMOVED = "key_removed", _("Security key removed")
        COORDINATOR_ACTION = "coordinator", _("Coordinator's decision")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    # What was typed at a failed sign-in, or the person's address when the entry was made.
    email = models.CharField(_("e-mail address"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.email}"


class SecurityKey(TimestampMixin, Device):
    """A security key or passkey (WebAuthn) that a person uses as their second factor,
    beside the authenticator app (accounts.security_keys).

    A django-otp device, so a session verified with it is verified like one verified
    with the app, and turning two-step verification off removes it with the others.
    Only the public key is kept; the private key never leaves the authenticator.
    """

    # Base64url of the credential id the authenticator chose (at most 1,023 bytes).
    credential_id = models.CharField(_("credential id"), max_length=1400, unique=True)
    public_key = models.BinaryField(_("public key"))
    # The authenticator's own use counter; one that goes backwards means a cloned key.
    sign_count = models.PositiveBigIntegerField(_("signature counter"), default=0)
    transports = models.JSONField(_("transports"), default=list, blank=True)
    aaguid = models.CharField(_("authenticator model"), max_length=36, blank=True)

    class Meta(Device.Meta):
        verbose_name = _("security key")
        verbose_name_plural = _("security keys")
        ordering = ["created_at", "id"]

    def verify_token(self, token):
        # Verified by a WebAuthn assertion (accounts.security_keys), never by a typed code.
        return False
