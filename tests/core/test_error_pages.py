"""`make run` (development, no DEBUG set) shows the service's own error pages;
a developer who asks with DEBUG=true gets Django's technical pages."""

from tests.core.test_settings_and_health import run_manage

PROBE = (
    "from django.conf import settings; from django.test import Client; "
    "r = Client().get('/no-such-page/'); "
    "print(settings.DEBUG, r.status_code, "
    "'Go to the home page' in r.content.decode(), 'URLconf' in r.content.decode())"
)


def test_development_shows_the_services_own_404_page():
    result = run_manage("shell", "-c", PROBE, DJANGO_ENV="development")
    assert result.stdout.strip().splitlines()[-1].split() == [
        "False",
        "404",
        "True",
        "False",
    ], result.stderr


def test_debug_true_gives_developers_the_technical_page():
    result = run_manage("shell", "-c", PROBE, DEBUG="true")
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True",
        "404",
        "False",
        "True",
    ], result.stderr
