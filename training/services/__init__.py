"""Multi-step writes for training, re-exported for callers."""

from training.services.bookings import (
    ALREADY_BOOKED,
    BOOKING_CLOSED,
    OFFER_HOURS,
    booking_accept_offer,
    booking_cancel,
    booking_create,
    booking_decline_offer,
    booking_record_attendance,
    interest_register,
    interest_report,
    interest_withdraw,
    offers_expire,
    waiting_position,
)
from training.services.opportunities import (
    apply_date_rules,
    opportunity_cancel,
    opportunity_save,
    opportunity_transition,
    session_add,
    session_change,
    session_remove,
)

__all__ = [
    "ALREADY_BOOKED",
    "BOOKING_CLOSED",
    "OFFER_HOURS",
    "apply_date_rules",
    "booking_accept_offer",
    "booking_cancel",
    "booking_create",
    "booking_decline_offer",
    "booking_record_attendance",
    "interest_register",
    "interest_report",
    "interest_withdraw",
    "offers_expire",
    "opportunity_cancel",
    "opportunity_save",
    "opportunity_transition",
    "session_add",
    "session_change",
    "session_remove",
    "waiting_position",
]
