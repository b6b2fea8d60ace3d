"""Links to many objects of one kind, for long lists."""

from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, reverse

# A pk no table reaches, so its digits appear once in the reversed address.
_MARKER = 2_147_483_647


def address_by_pk(viewname: str) -> Callable[[int], str]:
    """The address of the page `viewname` shows for a pk, reversed once: a list
    of fifty links then costs fifty string joins instead of fifty walks of the
    URL resolver (each `get_absolute_url` call is a `reverse()`)."""
    head, _, tail = reverse(viewname, args=[_MARKER]).rpartition(str(_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"


def absolute_url_by_pk(model) -> Callable[[int], str] | None:
    """`get_absolute_url()` of the model's rows from one call, when the address
    holds the pk once (None otherwise: call it for each row). The caller checks
    one real row against it, for a model whose address also needs other fields."""
    try:
        address = model(pk=_MARKER).get_absolute_url()
    except (AttributeError, TypeError, ValueError, ObjectDoesNotExist, NoReverseMatch):
        return None
    if address.count(str(_MARKER)) != 1:
        return None
    head, _, tail = address.partition(str(_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"
