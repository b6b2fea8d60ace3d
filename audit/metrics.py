"""The audit trail's figures for /metrics (registered in AuditConfig.ready())."""

from datetime import timedelta

from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from audit.models import AuditEvent


class SignInCollector:
    """Failed sign-ins in the last hour, from the audit trail (shared by every
    worker, unlike an in-process counter)."""

    def collect(self):
        since = timezone.now() - timedelta(hours=1)
        steps = {"password": AuditEvent.Action.LOGIN_FAILED}
        steps["second_step"] = AuditEvent.Action.MFA_FAILED
        family = GaugeMetricFamily(
            "psw_sign_in_failures_last_hour",
            "Failed sign-ins in the last hour, by step",
            labels=["step"],
        )
        for step, action in steps.items():
            count = AuditEvent.objects.filter(action=action, at__gte=since).count()
            family.add_metric([step], count)
        yield family
