"""Core views: health, metrics and the notification outbox."""
