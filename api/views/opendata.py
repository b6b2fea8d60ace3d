"""Open data: public, cacheable, suppressed regional workforce figures."""

import re

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import opendata
from api.exceptions import problem_response
from api.permissions import Public
from core.csvexport import csv_response
from core.dates import EARLIEST, LATEST, year_in_bounds
from workforce.disclosure import NOTE, Formatter

OPEN_DATA_MAX_AGE = 60 * 60
QUARTER = re.compile(r"^\d{4}-Q[1-4]$")

QUARTER_PARAM = OpenApiParameter(
    "quarter",
    OpenApiTypes.STR,
    pattern=r"^\d{4}-Q[1-4]$",
    description="One NHS financial-year quarter, e.g. 2025-Q2; default all.",
)


class OpenWorkforceRow(serializers.Serializer):
    quarter = serializers.CharField()
    as_at = serializers.DateField()
    icb = serializers.CharField(allow_null=True)
    setting = serializers.CharField(allow_null=True)
    band = serializers.CharField(allow_null=True)
    establishment_posts = serializers.IntegerField()
    establishment_wte = serializers.CharField()
    filled_posts = serializers.IntegerField()
    filled_wte = serializers.CharField()


class OpenWorkforceFiguresSerializer(serializers.Serializer):
    rounding = serializers.CharField()
    results = OpenWorkforceRow(many=True)


BY_PARAM = OpenApiParameter(
    "by",
    OpenApiTypes.STR,
    description=(
        "Comma-separated dimensions to break totals down by: icb, setting, band. "
        "Default all three; leave one out to total over it (e.g. by=icb), or "
        "send by= (empty) for regional totals."
    ),
)


def _by(request) -> tuple[str, ...]:
    if "by" not in request.GET:
        return tuple(opendata.DIMENSIONS)
    chosen = [d.strip() for d in request.GET["by"].split(",") if d.strip()]
    unknown = [d for d in chosen if d not in opendata.DIMENSIONS]
    if unknown:
        raise ValidationError({"by": ["Choose from icb, setting and band"]})
    return tuple(d for d in opendata.DIMENSIONS if d in chosen)


def _quarter(request) -> str:
    value = request.GET.get("quarter", "")
    if value and not (QUARTER.match(value) and year_in_bounds(int(value[:4]))):
        raise ValidationError(
            {
                "quarter": [
                    f"Give a quarter like 2025-Q2, from {EARLIEST.year} "
                    f"to {LATEST.year}"
                ]
            }
        )
    return value


@method_decorator(cache_control(public=True, max_age=OPEN_DATA_MAX_AGE), "get")
class OpenWorkforceFigures(APIView):
    """Regional PSW posts and WTE in the funded establishment, and filled, at
    each quarter end by ICB, setting and band. Every count and WTE is rounded
    to the nearest 5, as on the public dashboard. Also as CSV: …/workforce.csv"""

    permission_classes = [Public]
    authentication_classes: list = []  # the same for everyone: cache-friendly

    @extend_schema(
        parameters=[QUARTER_PARAM, BY_PARAM],
        responses=OpenWorkforceFiguresSerializer,
    )
    def get(self, request):
        fmt = Formatter(exact=False)
        cells = opendata.cells(_quarter(request), _by(request))
        rows = [opendata.json_row(c, fmt) for c in cells]
        return Response({"rounding": NOTE, "results": rows})


@cache_control(public=True, max_age=OPEN_DATA_MAX_AGE)
def open_workforce_csv(request):
    try:
        quarter, by = _quarter(request), _by(request)
    except ValidationError as error:
        detail = " ".join(m for ms in error.detail.values() for m in ms)
        return problem_response(400, detail)
    fmt = Formatter(exact=False)
    rows = [opendata.csv_row(c, fmt) for c in opendata.cells(quarter, by)]
    return csv_response("nwpsw-workforce-open-data.csv", opendata.CSV_HEADER, rows)
