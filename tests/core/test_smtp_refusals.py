"""Which SMTP refusals end a message as failed, and which wait for a retry
(REL-15: a 421/451 outage must not fail the whole outbox)."""

import smtplib

from core.notifications import is_permanent


def test_a_recipient_refused_with_a_4xx_answer_is_tried_again():
    busy = smtplib.SMTPRecipientsRefused({"a@example.test": (421, b"try later")})
    greylisted = smtplib.SMTPRecipientsRefused({"a@example.test": (451, b"later")})
    assert not is_permanent(busy)
    assert not is_permanent(greylisted)


def test_a_recipient_refused_with_a_5xx_answer_fails_at_once():
    unknown = smtplib.SMTPRecipientsRefused({"a@example.test": (550, b"no mailbox")})
    assert is_permanent(unknown)


def test_a_sender_refusal_is_permanent_only_for_a_5xx_answer():
    assert not is_permanent(smtplib.SMTPSenderRefused(451, b"later", "from@x.test"))
    assert is_permanent(smtplib.SMTPSenderRefused(553, b"not allowed", "from@x.test"))
