"""Declared access policy for the audit URLs: coordinators only."""

from tests.policies import COORDINATORS, Policy

POLICIES = [
    Policy("audit:event-list", get=COORDINATORS, post="405 405 405 405 405 405"),
]
