"""Start the test provider: python -m tests.oidcprovider.serve PORT

Reads OIDC_TEST_DIR (a fresh directory), OIDC_TEST_CLIENTS (JSON list of
{"client_id", "secret", "redirect_uri"}) and OIDC_TEST_SITE_URL.
"""

import json
import os
import sys


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidcprovider.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey", stdout=open(os.devnull, "w"))
    code, _ = ResponseType.objects.get_or_create(value="code")
    for spec in json.loads(os.environ["OIDC_TEST_CLIENTS"]):
        client = Client(
            name=spec["client_id"],
            client_type="confidential",
            client_id=spec["client_id"],
            client_secret=spec["secret"],
            jwt_alg="RS256",
            require_consent=False,
        )
        client.redirect_uris = [spec["redirect_uri"]]
        client.save()
        client.response_types.add(code)
    run("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
