from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from audit import signals  # noqa: F401 - connects the receivers
        from audit.metrics import SignInCollector
        from core.metrics import register_collector

        register_collector(SignInCollector)
