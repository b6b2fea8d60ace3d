from django.contrib.auth import get_user_model, login
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt

from tests.oidcprovider import claims

FORM = """<!doctype html><html lang="en"><head><title>Test identity provider</title></head>
<body><h1>Test identity provider</h1><form method="post">
<input type="hidden" name="next" value="{next}">
<label>Email <input name="email"></label>
<label>Name <input name="name" value="Test Person"></label>
<label>Email verified <input name="email_verified" value="true"></label>
<label>amr <input name="amr" value=""></label>
<label>Audience <input name="audience" value=""></label>
<button>Sign in</button></form></body></html>"""


@csrf_exempt
def sign_in(request):
    """Who signs in, and what the provider will assert about them."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not next_url.startswith("/"):
        next_url = "/"
    if request.method != "POST":
        return HttpResponse(FORM.format(next=escape(next_url)))
    email = request.POST["email"].strip()
    user, _ = get_user_model().objects.get_or_create(username=email[:150])
    claims.save(
        user,
        {
            "email": email,
            "name": request.POST.get("name", ""),
            "email_verified": request.POST.get("email_verified") == "true",
            "amr": request.POST.get("amr", "").split(),
            "audience": request.POST.get("audience", "").strip(),
        },
    )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(next_url)
