from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core import (
            checks,  # noqa: F401 (registers the deploy checks)
            converters,
            reminders,
        )

        converters.register()
        reminders.autodiscover()
