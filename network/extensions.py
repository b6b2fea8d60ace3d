"""What apps above network add to its pages. They register from their
AppConfig.ready(), because network cannot import them (they import network).

- `add_feed_events(source)`: `source(user) -> list[CalendarEvent]`, more events
  on a member's private calendar feed (training adds the sessions they have a
  place on).
- `add_trust_summary(name, summary)`: `summary(trust) -> dict`, given to the
  trust page as `name` (workforce adds its posts summary, `workforce_summary`).
"""

from collections.abc import Callable

FEED_EVENTS: list[Callable] = []
TRUST_SUMMARIES: dict[str, Callable] = {}


def add_feed_events(source: Callable) -> None:
    if source not in FEED_EVENTS:
        FEED_EVENTS.append(source)


def add_trust_summary(name: str, summary: Callable) -> None:
    TRUST_SUMMARIES[name] = summary


def feed_events(user) -> list:
    events = []
    for source in FEED_EVENTS:
        events += source(user)
    return events


def trust_summaries(trust) -> dict:
    return {name: summary(trust) for name, summary in TRUST_SUMMARIES.items()}
