"""An address too long for gunicorn gets the 414 the API schema documents.

gunicorn refuses a request line over 4,094 bytes with its own HTML page before
the service reads it, so the schema says so (api/schema.py) rather than
promising its problem+json for every error.
"""

import json
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_address_over_the_limit_gets_the_documented_414(gunicorn_server):
    address = "/api/v1/trusts/?search=" + "x" * 5000
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(gunicorn_server + address, timeout=10)
    assert refused.value.code == 414
    content_type = refused.value.headers["Content-Type"].split(";")[0]

    with urllib.request.urlopen(
        gunicorn_server + "/api/schema/?format=json", timeout=10
    ) as response:
        schema = json.load(response)
    documented = schema["paths"]["/api/v1/trusts/"]["get"]["responses"]["414"]
    assert content_type in documented["content"]


def test_an_address_under_the_limit_reaches_the_api(gunicorn_server):
    address = "/api/v1/trusts/?search=" + "x" * 3500
    with urllib.request.urlopen(gunicorn_server + address, timeout=10) as response:
        assert response.status == 200
        assert json.load(response)["results"] == []
