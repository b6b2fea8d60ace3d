from django.urls import reverse

from standards.models import Standard, StandardVersion


def crumbs(*items) -> list[dict]:
    """Breadcrumbs from the standards list down to the page's parent."""
    trail = [{"label": "Standards", "url": reverse("standards:standard-list")}]
    for item in items:
        if isinstance(item, Standard):
            trail.append({"label": item.code, "url": item.get_absolute_url()})
        elif isinstance(item, StandardVersion):
            trail.append(
                {"label": item.label.capitalize(), "url": item.get_absolute_url()}
            )
    return trail
