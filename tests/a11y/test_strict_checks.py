"""The crawl's checkers can fail: each finds a planted problem."""

import pytest

from tests.a11y.strict import (
    axe_violations,
    house_rule_problems,
    presentation_problems,
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


ROUGH_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Rough</title><style>
td { overflow-wrap: anywhere; } .narrow { width: 40px; }</style></head><body><main>
<table><tr><td class="narrow">Merseyside</td><td class="narrow">19 December 2026</td>
<td>In progress</td></tr></table>
<a href="">Previous page</a> <a href="#">Nowhere</a> <a href="#main">Skip</a>
<p>**Decision:** agree the plan</p><pre>**fine in code**</pre>
<p>As the seed deck says</p>
<label for="b">Band</label><select id="b" name="band"><option>---------</option></select>
<select name="over" style="position:absolute;top:10px;left:10px"><option>A</option></select>
<details><summary>Search</summary><select name="folded" style="position:absolute;top:10px;left:10px"><option>A</option></select></details>
</main></body></html>"""


def test_presentation_rules_report_planted_problems(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.set_content(ROUGH_PAGE)
    found = " | ".join(presentation_problems(page))
    for expected in (
        'breaks inside a word: "Merseyside"',
        'splits a date over lines: "19 December 2026"',
        'link "Previous page" has href=""',
        'link "Nowhere" has href="#"',
        'Markdown shown as text: "**Decision:**"',
        'internal word "seed"',
        'option "---------" in "Band"',
        'a select overlaps a table: "over"',
    ):
        assert expected in found
    assert "In progress" not in found  # breaking between words is fine
    assert "Skip" not in found and "fine in code" not in found
    assert "folded" not in found  # inside a closed <details>, so not drawn
