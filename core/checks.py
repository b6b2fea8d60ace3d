"""System checks for `manage.py check --deploy` (registered in CoreConfig.ready)."""

from django.core.checks import Warning, register

from core import health


@register(deploy=True)
def broker_keeps_queued_tasks(app_configs, **kwargs):
    """A broker Redis that may evict keys can lose queued tasks silently."""
    problem = health.broker_eviction_warning()
    if problem is None:
        return []
    return [Warning(problem, id="core.W001")]
