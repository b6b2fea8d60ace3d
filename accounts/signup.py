"""allauth's sign-up form, made to cost the same whether the address is new.

A new address pays for hashing the password; an address that already has an
account used to skip it, answering about ten times faster. In this network an
account hints at lived experience of mental ill-health, so the difference
must not show.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work set_password does for a new account; thrown away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
