"""'You said, we did': what people said in a consultation and what was done
about it, read by the web page and the quarterly board pack."""

from standards.models import ConsultationComment


def answered_comments(version) -> list[dict]:
    """Every answered comment (general or on a paragraph), in paragraph order."""
    responses = version.responses.exclude(disposition="").exclude(comments="")
    comments = ConsultationComment.objects.filter(response__version=version).exclude(
        disposition=""
    )
    items = [
        {
            "label": r.respondent_label,
            "paragraph": r.paragraph,
            "text": r.comments,
            "outcome": r,
        }
        for r in responses.select_related("trust")
    ] + [
        {
            "label": c.respondent_label,
            "paragraph": c.paragraph,
            "text": c.text,
            "outcome": c,
        }
        for c in comments.select_related("response__trust")
    ]
    return sorted(items, key=lambda item: item["paragraph"] or 0)
