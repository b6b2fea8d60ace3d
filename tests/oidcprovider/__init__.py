"""A real OpenID Connect provider for the NHSmail sign-in tests.

A tiny Django project around django-oidc-provider, run in a subprocess on a
free loopback port by `tests/accounts/nhsmail_provider.py`. Discovery, the
authorisation endpoint, codes (single use, PKCE), signed id_tokens and the
JWKS are the library's own; only the sign-in page is ours: it lets the test
say who signs in and which claims NHSmail would assert (`email_verified`,
`amr`, and, to test refusals, the token's audience).
"""
