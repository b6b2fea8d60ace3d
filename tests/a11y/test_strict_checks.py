"""The crawl's checkers can fail: each finds a planted problem."""

import pytest

from tests.a11y.strict import (
    axe_violations,
    house_rule_problems,
    vnu_errors,
    vnu_unavailable,
)

pytestmark = pytest.mark.browser

BAD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body>
<main><h1>One</h1><h1>Two</h1><h4>Skipped levels</h4>
<p>Meeting on Mar 3, 2027 and 2027-03-03.</p>
<a href="/x">click here</a><img src="x.png">
<span class="nhsuk-tag"></span>
<svg width="300" height="100"><rect width="300" height="100"/></svg></main></body></html>"""


def test_axe_and_house_rules_report_planted_problems(page):
    page.set_content(BAD_PAGE)
    axe = " ".join(axe_violations(page))
    assert "image-alt" in axe
    house = " ".join(house_rule_problems(page))
    for expected in (
        "2 h1 headings",
        "h4",
        "tag without text",
        'vague link text "click here"',
        "Mar 3, 2027",
        "a chart without a data table",
        "a chart without a text alternative",
    ):
        assert expected in house


def test_vnu_reports_errors_in_the_saved_html(tmp_path):
    if vnu_unavailable():
        pytest.skip(vnu_unavailable())
    bad = tmp_path / "bad.html"
    bad.write_text(BAD_PAGE.replace('lang="en"', 'lang="en" role="text"'))
    good = tmp_path / "good.html"
    good.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Good</title></head>'
        "<body><p>Fine.</p></body></html>"
    )
    errors = vnu_errors([bad, good])
    assert list(errors) == [bad]
    assert any("img" in error for error in errors[bad])
