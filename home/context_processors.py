from home import workhome


def work_count(request):
    """The header's count of what needs this person."""
    user = request.user
    return {
        # Called only when the header is drawn (templates call callables), so
        # JSON and file responses never pay for it; one cache read when warm.
        "work_count": (lambda: workhome.open_count(user))
        if user.is_authenticated
        else 0,
    }
