"""Claims, invitations and moderation decisions in the admin.

The content admins keep their own history: each app's admin mixes in
core.admin.HistoryAdminMixin, so an admin edit is recorded with its user.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Claim, Decision, Invitation


def _decide(modeladmin, request, queryset, service, **kwargs):
    done = 0
    for claim in queryset.select_related("organization", "user"):
        try:
            service(claim=claim, user=request.user, **kwargs)
        except ValidationError as error:
            modeladmin.message_user(request, f"{claim}: {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, _("%(count)d requests decided.") % {"count": done})


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["organization", "user", "kind", "status", "created_at", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["organization__name", "user__email"]
    list_select_related = ["organization", "user"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["user", "kind", "status", "decided_by", "decided_at", "created_at"]
    actions = ["approve", "decline"]

    def has_add_permission(self, request):
        return False  # claims come from the service's own form

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        _decide(self, request, queryset, services.claim_approve)

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        # The admin action has no message box; a standard message tells the person why.
        message = str(_("The coordinator could not confirm that you act for the association."))
        _decide(self, request, queryset, services.claim_decline, message=message)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "municipality", "invited_by", "expires_at"]
    list_display += ["accepted_at", "revoked_at"]
    search_fields = ["email", "organization__name", "municipality__name"]
    list_select_related = ["organization", "municipality", "invited_by"]
    readonly_fields = ["invited_by", "created_at", "accepted_by", "accepted_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # sent from the invitation pages, which e-mail the signed link

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        for invitation in queryset:
            services.invitation_revoke(invitation=invitation, user=request.user)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["object_repr", "content_type", "action", "user", "created_at"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "message"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
