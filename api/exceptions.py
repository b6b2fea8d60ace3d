"""One error body everywhere: RFC 9457 problem details.

    {"type": "about:blank", "title": "Bad Request", "status": 400,
     "detail": "Check the fields listed in errors", "errors": {"wte": ["..."]}}

`errors` maps a field (or "non_field_errors") to its messages; it is present
only on validation errors.
"""

from http import HTTPStatus

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from core.middleware import answers_every_method

PROBLEM_TYPE = "application/problem+json"
VALIDATION_DETAIL = "Check the fields listed in errors"


def problem(status_code: int, detail: str, errors: dict | None = None) -> dict:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def django_errors(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if k == "__all__" else k): v
            for k, v in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        return {k: v if isinstance(v, list) else [v] for k, v in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {"non_field_errors": [detail]}


def problem_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors(exc))
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django's 500 handling log it
    if isinstance(exc, exceptions.ValidationError):
        body = problem(response.status_code, VALIDATION_DETAIL, _flatten(exc.detail))
    else:
        detail = (
            response.data.get("detail", "") if isinstance(response.data, dict) else ""
        )
        body = problem(response.status_code, str(detail))
    response.data = body
    response.content_type = PROBLEM_TYPE
    return response


def problem_response(status_code: int, detail: str) -> JsonResponse:
    """For plain Django views under /api/ (an unknown path, a feed)."""
    return JsonResponse(
        problem(status_code, detail), status=status_code, content_type=PROBLEM_TYPE
    )


@answers_every_method
@csrf_exempt  # changes nothing; without this a write to a wrong address got an HTML 403
def not_found(request, *args, **kwargs):
    return problem_response(
        status.HTTP_404_NOT_FOUND, "There is no API at this address"
    )
