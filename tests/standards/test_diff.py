import pytest

from standards.diff import change_counts, inline_diff, side_by_side_diff


def test_inline_diff_marks_words_with_ins_and_del_and_hidden_text():
    html = inline_diff("Supervision is monthly.", "Supervision is fortnightly.")
    assert "<del" in html and "monthly.</del>" in html
    assert "<ins" in html and "fortnightly.</ins>" in html
    assert "removed: " in html and "added: " in html


def test_diff_escapes_html_in_the_texts():
    html = inline_diff("a", "<script>x</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_side_by_side_marks_removals_left_and_additions_right():
    left, right = side_by_side_diff("one two three", "one 2 three")
    assert "two" in left and "<del" in left and "<ins" not in left
    assert "2" in right and "<ins" in right and "<del" not in right


def test_change_counts_count_words_not_spaces():
    assert change_counts("a b c", "a x y c") == {"added": 2, "removed": 1}


def test_very_long_texts_fall_back_to_lines_quickly():
    old = "word " * 30000
    html = inline_diff(old, old + "\nnew line")
    assert "new line" in html


@pytest.mark.django_db
def test_compare_page_marks_changes_between_two_chosen_versions(client, approved):
    from standards.models import StandardVersion

    StandardVersion.objects.create(
        standard=approved.standard,
        number=2,
        body=approved.body.replace("monthly", "fortnightly"),
        status=StandardVersion.Status.SUPERSEDED,
        approved_on=approved.approved_on,
    )
    page = client.get("/standards/NWPSW-S03/compare/?from=1&to=2").content.decode()
    assert "1 word added and 1 word removed" in page
    assert "monthly</del>" in page and "fortnightly</ins>" in page
    side = client.get("/standards/NWPSW-S03/compare/?from=1&to=2&layout=side")
    assert side.context["left"].count("<del") == 1
    assert side.context["right"].count("<ins") == 1


@pytest.mark.django_db
def test_compare_with_only_one_version_says_so(client, approved):
    page = client.get("/standards/NWPSW-S03/compare/").content.decode()
    assert "nothing to compare yet" in page
