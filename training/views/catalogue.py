"""Public pages: the catalogue, an opportunity's detail and its calendar file."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.vary import vary_on_headers

from core.ics import build_calendar, ics_response
from core.links import address_by_pk
from training import permissions
from training.calendar import opportunity_events
from training.forms import CatalogueFilterForm
from training.models import TrainingBooking, TrainingOpportunity, TrainingSession
from training.services import waiting_position

PAGE_SIZE = 20
DELIVERY_MODES = dict(TrainingOpportunity.DeliveryMode.choices)
COST_TYPES = dict(TrainingOpportunity.CostType.choices)


def catalogue_queryset(filters: dict):
    """Public opportunities narrowed by the catalogue's (already validated) filters."""
    queryset = TrainingOpportunity.objects.public()
    exact = ("category", "delivery_mode", "icb")
    queryset = queryset.filter(**{k: filters[k] for k in exact if k in filters})
    if "audience" in filters:
        queryset = queryset.filter(audience__contains=f"|{filters['audience']}|")
    if "domain" in filters:
        queryset = queryset.filter(hee_domains=filters["domain"])
    if "town" in filters:
        queryset = queryset.filter(town__iexact=filters["town"].strip())
    cost = filters.get("cost")
    if cost in ("free", "funded"):
        queryset = queryset.filter(cost_type=cost)
    elif cost == "no_cost":
        queryset = queryset.filter(cost_type__in=["free", "funded"])
    if "date_from" in filters:
        queryset = queryset.filter(start_date__gte=filters["date_from"])
    if "date_to" in filters:
        queryset = queryset.filter(start_date__lte=filters["date_to"])
    if not filters.get("past"):
        queryset = queryset.exclude(status=TrainingOpportunity.Status.COMPLETED)
    if filters.get("available"):
        queryset = queryset.with_places()
    text = filters.get("q", "").strip()
    if text:
        queryset = queryset.search(text)
    order = ["start_date", "title", "pk"]
    if filters.get("sort") == "title":
        order = ["title", "start_date", "pk"]
    elif filters.get("sort") == "relevance" and text:
        order = ["-rank", *order]
    return (
        queryset.select_related("provider")
        .prefetch_related(
            Prefetch("sessions", queryset=TrainingSession.objects.order_by("date"))
        )
        .order_by(*order)
    )


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


def catalogue_cards(opportunities) -> list[dict]:
    """What each card of the catalogue shows, worked out in Python so the
    template only places values: a card's `reverse()`, `get_FOO_display` calls
    and status tag include cost more than the rest of the card."""
    address = address_by_pk("training:opportunity-detail")
    return [
        {
            "url": address(o.pk),
            "title": o.title,
            "tag_classes": o.status_tag[0],
            "tag_words": o.status_tag[1],
            "provider": o.provider.name,
            "start_date": o.start_date,
            "sessions": len(o.sessions.all()),
            "delivery_mode": DELIVERY_MODES.get(o.delivery_mode, o.delivery_mode),
            "town": o.town,
            "cost_type": COST_TYPES.get(o.cost_type, o.cost_type),
            "cost_gbp": o.cost_gbp,
            "book_here": o.book_here,
            "places_remaining": o.places_remaining,
            "places_total": o.places_total,
        }
        for o in opportunities
    ]


@vary_on_headers("HX-Request")
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    paginator = Paginator(catalogue_queryset(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "opportunities": page.object_list,
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
