from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import bodies, radar, statements

app_name = "cooperation"
urlpatterns = [
    path("", bodies.body_list, name="bodies"),
    path(_("representation/"), bodies.representation, name="representation"),
    path("calendar.ics", bodies.calendar_feed, name="calendar"),
    path(_("bodies/<str:public_id>/"), bodies.body_detail, name="body"),
    path(_("bodies/<str:public_id>/join/"), bodies.body_join, name="join"),
    path(_("bodies/<str:public_id>/manage/"), bodies.body_manage, name="body_manage"),
    path(_("bodies/<str:body_id>/new-seat/"), bodies.seat_edit, name="seat_add"),
    path(_("bodies/<str:body_id>/seats/<int:pk>/"), bodies.seat_edit, name="seat_edit"),
    path(_("bodies/<str:public_id>/new-member/"), bodies.member_add, name="member_add"),
    path(_("seats/<int:pk>/remove/"), bodies.seat_delete, name="seat_delete"),
    path(_("members/<int:pk>/remove/"), bodies.member_remove, name="member_remove"),
    path(
        _("seats/<int:pk>/withdraw-consent/"),
        bodies.seat_contact_consent_withdraw,
        name="seat_consent_withdraw",
    ),
    path(_("bodies/<str:body_id>/new-meeting/"), bodies.meeting_edit, name="meeting_add"),
    path(_("bodies/<str:public_id>/calendar.ics"), bodies.calendar_feed, name="body_calendar"),
    path(_("join-requests/<int:pk>/"), bodies.join_decide, name="join_decide"),
    path(_("meetings/<str:public_id>/"), bodies.meeting_detail, name="meeting"),
    path(_("meetings/<str:public_id>/edit/"), bodies.meeting_edit, name="meeting_edit"),
    path(
        _("meetings/<str:public_id>/documents/"),
        bodies.meeting_document_upload,
        name="meeting_document_upload",
    ),
    path(
        _("meetings/<str:public_id>/documents/link/"),
        bodies.meeting_document_link,
        name="meeting_document_link",
    ),
    path(
        _("meeting-documents/<int:pk>/remove/"),
        bodies.meeting_document_unlink,
        name="meeting_document_unlink",
    ),
    path(_("consultations/"), radar.consultation_list, name="consultations"),
    path(_("consultations/new/"), radar.consultation_edit, name="consultation_add"),
    path(_("consultations/<str:public_id>/"), radar.consultation_detail, name="consultation"),
    path(
        _("consultations/<str:public_id>/edit/"), radar.consultation_edit, name="consultation_edit"
    ),
    path(
        _("consultations/<str:public_id>/new-statement/"),
        statements.statement_open,
        name="statement_open",
    ),
    path(_("follow/"), radar.follow_edit, name="follow"),
    path(_("unsubscribe/<str:token>/"), radar.unsubscribe, name="unsubscribe"),
    path(_("statements/"), statements.statement_list, name="statements"),
    path(_("statements/<str:public_id>/"), statements.statement_detail, name="statement"),
    path(_("statements/<str:public_id>/revise/"), statements.statement_revise, name="revise"),
    path(_("statements/<str:public_id>/comment/"), statements.statement_comment, name="comment"),
    path(_("statements/<str:public_id>/sign/"), statements.statement_sign, name="sign"),
    path(_("statements/<str:public_id>/step/"), statements.statement_advance, name="advance"),
    path(_("statements/<str:public_id>/outcome/"), statements.outcome_record, name="outcome"),
    path(_("statements/<str:public_id>/pdf/"), statements.statement_pdf_view, name="pdf"),
    path(_("signatures/<int:pk>/withdraw/"), statements.signature_withdraw, name="withdraw"),
]
