from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models import Q
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", User.Role.COORDINATOR)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Their role is data, checked by each app's permissions."""

    class Role(models.TextChoices):
        PEER_WORKER = "peer_worker", "Peer worker"
        TRUST_LEAD = "trust_lead", "Trust lead"
        COORDINATOR = "coordinator", "Network coordinator"

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role, default=Role.PEER_WORKER)
    trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        help_text="The member trust a trust lead is responsible for.",
    )
    employer_trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employees",
        help_text="Optional: the trust that employs this person.",
    )
    job_title = models.CharField(max_length=150, blank=True)
    # Several leads may look after one trust; reminders go to the primary one and
    # are copied to the other (deputy) leads who asked for copies.
    is_primary_lead = models.BooleanField("primary lead", default=False)
    copy_lead_reminders = models.BooleanField(
        "copy me on the primary lead's reminders", default=False
    )
    copy_lead_on_bookings = models.BooleanField(
        "copy my trust lead on my training bookings", default=False
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.CheckConstraint(
                name="accounts_user_trust_lead_has_trust",
                condition=~Q(role="trust_lead") | Q(trust__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["trust"],
                condition=Q(role="trust_lead", is_primary_lead=True, is_active=True),
                name="accounts_user_one_primary_lead_per_trust",
            ),
        ]

    @staticmethod
    def name_or_email(full_name: str, email: str) -> str:
        """How a person is named on every page: their name, else their email
        (for a list that reads the two columns without the person's object)."""
        return full_name or email

    def __str__(self) -> str:
        return self.name_or_email(self.full_name, self.email)

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and (
            self.role == self.Role.COORDINATOR or self.is_superuser
        )

    @property
    def is_trust_lead(self) -> bool:
        return self.is_active and self.role == self.Role.TRUST_LEAD

    @property
    def is_peer_worker(self) -> bool:
        return self.is_active and self.role == self.Role.PEER_WORKER

    @property
    def is_deputy_lead(self) -> bool:
        return self.is_trust_lead and not self.is_primary_lead

    @property
    def requires_mfa(self) -> bool:
        """Coordinators and admin users must use an authenticator app."""
        return self.is_coordinator or self.is_staff or self.is_superuser
