"""Markdown renders on an action's own page; lists and print views show its words."""

import pytest

from tests.conftest import _login_with_mfa
from tests.network.conftest import make_item

pytestmark = pytest.mark.django_db

ACTION = "**Decision:** Lee Lead to [share the draft](https://example.test/d) by June"


@pytest.mark.parametrize("path", ["/network/actions/", "/network/actions/print/"])
def test_action_lists_and_print_view_show_plain_text(
    client, coordinator, objective, path
):
    make_item(objective, coordinator, action=ACTION)
    page = _login_with_mfa(client, coordinator).get(path).content.decode()
    assert "Decision: Lee Lead to share the draft by June" in page
    assert "**" not in page and "](https://" not in page


def test_the_actions_own_page_renders_the_markdown(client, coordinator, objective):
    item = make_item(objective, coordinator, action=ACTION)
    page = _login_with_mfa(client, coordinator).get(item.get_absolute_url())
    assert "<strong>Decision:</strong>" in page.content.decode()
