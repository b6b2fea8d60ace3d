"""Public pages: the catalogue, an opportunity's detail and its calendar file."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.vary import vary_on_headers

from core.dates import long_date
from core.ics import build_calendar, ics_response
from core.links import address_by_pk
from training import permissions
from training.calendar import opportunity_events
from training.filters import CatalogueFilter
from training.models import TrainingBooking, TrainingOpportunity, TrainingSession
from training.services import waiting_position

PAGE_SIZE = 20
DELIVERY_MODES = dict(TrainingOpportunity.DeliveryMode.choices)
COST_TYPES = dict(TrainingOpportunity.CostType.choices)


NEAR_YOU = 3


def near_you(user) -> list:
    """For a peer worker who named their employer: upcoming training their trust
    proposed or that runs in its ICB, shown before the full catalogue."""
    trust = getattr(user, "employer_trust", None) if user.is_authenticated else None
    if trust is None or not user.is_peer_worker:
        return []
    return list(
        TrainingOpportunity.objects.public()
        .exclude(status=TrainingOpportunity.Status.COMPLETED)
        .filter(Q(proposed_by_trust=trust) | Q(icb=trust.icb))
        .select_related("provider")
        .order_by("start_date", "pk")[:NEAR_YOU]
    )


# What a card shows, read as values: a page of model instances (every column,
# the provider's row and each opportunity's sessions, fetched to be counted)
# cost more than drawing the cards.
CARD_FIELDS = (
    "pk",
    "title",
    "status",
    "provider__name",
    "start_date",
    "delivery_mode",
    "town",
    "cost_type",
    "cost_gbp",
    "book_here",
    "places_remaining",
    "places_total",
)


# Built once: a queryset is only a description until it is read.
SESSIONS_OF_ROW = (
    TrainingSession.objects.filter(opportunity=OuterRef("pk"))
    .order_by()
    .values("opportunity")
    .annotate(count=Count("pk"))
    .values("count")
)


def card_rows(queryset):
    """The catalogue's rows as the values its cards show, each opportunity's
    sessions counted in the same query."""
    return queryset.prefetch_related(None).values(
        *CARD_FIELDS, session_count=Coalesce(Subquery(SESSIONS_OF_ROW), 0)
    )


def card_page(rows, number) -> Page:
    """The page of cards asked for, with the number of matches counted in the
    same query (a window count) instead of in a COUNT query first. A page past
    the end, or a number that is not one, takes the paginator's usual way."""
    paginator = Paginator(rows, PAGE_SIZE)
    wanted = int(number) if number and number.isdecimal() else None if number else 1
    if wanted:
        bottom = (wanted - 1) * PAGE_SIZE
        counted = rows.annotate(matches=Window(Count("*")))
        page_rows = list(counted[bottom : bottom + PAGE_SIZE])
        if page_rows or wanted == 1:  # nothing on the first page: no matches
            paginator.count = page_rows[0]["matches"] if page_rows else 0
            return Page(page_rows, wanted, paginator)
    return paginator.get_page(number)


def catalogue_cards(rows) -> list[dict]:
    """What each card of the catalogue shows, worked out in Python so the
    template only places words: a card's `reverse()`, `get_FOO_display` calls,
    status tag include and date filter cost more than the rest of the card."""
    address = address_by_pk("training:opportunity-detail")
    return [_card(row, address(row["pk"])) for row in rows]


def _card(row: dict, url: str) -> dict:
    tag_classes, tag_words = TrainingOpportunity.status_tag_for(row["status"])
    places = f"{row['places_remaining']} of {row['places_total']}"
    return {
        "url": url,
        "title": row["title"],
        "tag_classes": tag_classes,
        "tag_words": tag_words,
        "provider": row["provider__name"],
        "starts": _starts(row["start_date"], row["session_count"]),
        "where": _where(row["delivery_mode"], row["town"]),
        "cost": _cost(row["cost_type"], row["cost_gbp"]),
        "places": places if row["book_here"] else "",
    }


def _starts(start_date, sessions: int) -> str:
    words = long_date(start_date)
    return f"{words} ({sessions} sessions)" if sessions > 1 else words


def _where(delivery_mode: str, town: str) -> str:
    words = DELIVERY_MODES.get(delivery_mode, delivery_mode)
    return f"{words}, {town}" if town else words


def _cost(cost_type: str, cost_gbp) -> str:
    words = COST_TYPES.get(cost_type, cost_type)
    return f"{words}: £{cost_gbp:f}" if cost_gbp else words


@vary_on_headers("HX-Request")
def catalogue(request):
    filterset = CatalogueFilter(
        request.GET or None, queryset=TrainingOpportunity.objects.public()
    )
    filters = filterset.valid_filters() if filterset.is_bound else {}
    page = card_page(card_rows(filterset.qs), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page,
        "cards": catalogue_cards(page.object_list),
        "querystring": query.urlencode(),
        "has_filters": bool(filters),
        "can_propose": permissions.can_propose(request.user),
        "can_manage": permissions.can_propose(request.user),
        "near_you": [] if filters or page.number > 1 else near_you(request.user),
    }
    template = "training/opportunity_list.html"
    # A history restore needs the whole page, not just the results.
    if request.htmx and not request.htmx.history_restore_request:
        template = "training/includes/catalogue_htmx.html"
    return render(request, template, context)


def opportunity_detail(request, pk: int):
    user = request.user
    opportunity = permissions.get_opportunity_for_view(user, pk)
    booking = interest = None
    domains = opportunity.hee_domains.all()
    if user.is_authenticated:
        booking = (
            permissions.bookings_of(user)
            .filter(opportunity=opportunity, status__in=TrainingBooking.ACTIVE)
            .first()
        )
        interest = (
            permissions.interests_of(user)
            .filter(opportunity=opportunity)
            .exclude(status="withdrawn")
            .first()
        )
    context = {
        "opportunity": opportunity,
        "sessions": opportunity.sessions.all(),
        "domains": domains,
        "booking": booking,
        "position": waiting_position(booking) if booking else None,
        "interest": interest,
        "accepts_bookings": opportunity.accepts_bookings(),
        "can_book": permissions.can_book(user),
        "can_edit": permissions.can_edit_opportunity(user, opportunity),
        "can_submit": permissions.can_submit_opportunity(user, opportunity),
        "can_approve": permissions.can_approve_opportunity(user, opportunity),
        "can_publish": permissions.can_publish_opportunity(user, opportunity),
        "can_cancel": permissions.can_cancel_opportunity(user, opportunity),
        "can_manage_attendees": permissions.can_manage_attendees(user, opportunity),
        "breadcrumbs": [{"label": "Training", "url": reverse("training:catalogue")}],
    }
    return render(request, "training/opportunity_detail.html", context)


def opportunity_ics(request, pk: int):
    opportunity = permissions.get_opportunity_for_view(request.user, pk)
    content = build_calendar(opportunity_events(opportunity), opportunity.title)
    return ics_response(content, f"training-{opportunity.pk}.ics")
