"""allauth's second-step login stage, aware of NHSmail's multi-factor claim."""

from allauth.mfa.stages import AuthenticateStage

from accounts import nhsmail
from accounts.services import email_confirm_by_identity_provider


class SecondFactorStage(AuthenticateStage):
    """allauth's own stage (ask for the authenticator code when the person
    has one), except after an NHSmail sign-in whose id_token says
    multi-factor authentication was used: then NHSmail's second factor
    stands in for the service's, for this session only. Which one applied is
    recorded in the audit trail."""

    def handle(self) -> tuple:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        user = self.login.user
        if user is None or not nhsmail.is_nhsmail(sociallogin):
            return super().handle()
        email_confirm_by_identity_provider(user=user, email=user.email)
        if nhsmail.used_mfa(sociallogin) and user.requires_mfa:
            self.request.session[nhsmail.IDP_MFA_SESSION_KEY] = user.pk
            nhsmail.record_sign_in(self.request, user, second_factor="nhsmail")
            return None, True
        response, cont = super().handle()
        asks = response is not None or user.requires_mfa
        nhsmail.record_sign_in(
            self.request, user, second_factor="service" if asks else "not required"
        )
        return response, cont
