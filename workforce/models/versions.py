"""What a post counted as on each date: its WTE, band, setting, delivery model
and role, over the range of dates those values held.

Figures for a past date must use the values the post had then, not today's:
a post that went from 0.6 to 1.0 WTE last month must not rewrite last year.
Like PostStatusChange, each row carries `valid_until` (the start of the next
version, empty while current) so "the version on date D" is one range filter.
"""

from datetime import date

from django.db import models
from django.db.models import Q

from workforce.models.posts import Post

# The fields the regional figures count or group by; a change to any of them
# starts a new version. Trust is not here: a post never moves between trusts.
COUNTED_FIELDS = ("wte", "band", "setting", "delivery_model", "role_type")


class PostVersionQuerySet(models.QuerySet):
    def as_at(self, on: date):
        return self.filter(effective_date__lte=on).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=on)
        )


class PostVersion(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")
    wte = models.DecimalField("WTE", max_digits=3, decimal_places=2)
    band = models.CharField(max_length=20, choices=Post.Band)
    setting = models.CharField(max_length=40, choices=Post.Setting)
    delivery_model = models.CharField(max_length=20, choices=Post.DeliveryModel)
    role_type = models.CharField(max_length=30, choices=Post.RoleType)
    effective_date = models.DateField()
    valid_until = models.DateField(null=True, blank=True)

    objects = PostVersionQuerySet.as_manager()

    class Meta:
        ordering = ["post", "effective_date"]
        indexes = [models.Index(fields=["post", "effective_date", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                name="workforce_postversion_valid_after_effective",
                condition=Q(valid_until__isnull=True)
                | Q(valid_until__gt=models.F("effective_date")),
            ),
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(valid_until__isnull=True),
                name="workforce_postversion_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} from {self.effective_date}"

    @classmethod
    def of(cls, post: Post, since: date) -> "PostVersion":
        """A new, current version holding the post's counted values now."""
        values = {name: getattr(post, name) for name in COUNTED_FIELDS}
        return cls(post_id=post.pk, effective_date=since, **values)
