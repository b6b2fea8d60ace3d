from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from network import extensions
        from training.calendar import booked_events

        extensions.add_feed_events(booked_events)
