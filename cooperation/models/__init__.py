"""Cooperation and the associations' voice: bodies and their seats and meetings, the
consultation radar and its alerts, and joint statements with their outcome."""

from .alerts import AlertKind, AlertSent, Follow, Frequency
from .bodies import (
    Body,
    BodyDocument,
    BodyKind,
    DocumentRole,
    Meeting,
    MemberKind,
    Membership,
    MembershipStatus,
    Seat,
    SeatRole,
)
from .consultations import (
    Consultation,
    ConsultationOrigin,
    ConsultationSource,
    SourceKind,
)
from .statements import (
    Effect,
    Signature,
    Statement,
    StatementComment,
    StatementStatus,
    StatementVersion,
)

__all__ = [
    "AlertKind",
    "AlertSent",
    "Body",
    "BodyDocument",
    "BodyKind",
    "Consultation",
    "DocumentRole",
    "ConsultationOrigin",
    "ConsultationSource",
    "Effect",
    "Follow",
    "Frequency",
    "Meeting",
    "MemberKind",
    "Membership",
    "MembershipStatus",
    "Seat",
    "SeatRole",
    "Signature",
    "SourceKind",
    "Statement",
    "StatementComment",
    "StatementStatus",
    "StatementVersion",
]
