"""The one accessible word diff, used by standards and terms of reference."""

from core.diff import change_counts, inline_diff, line_rows, side_by_side_diff


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


def test_line_rows_pair_changed_lines_and_mark_words_accessibly():
    rows = line_rows(
        "Chair\nOne lead per trust", "Chair\nOne lead and a deputy per trust"
    )
    assert [row.kind for row in rows] == ["same", "changed"]
    assert "<ins" in rows[1].right and "added: " in rows[1].right
    assert "<del" not in rows[1].right


def test_line_rows_show_whole_lines_added_and_removed():
    rows = line_rows("kept\ngone", "kept\nnew <b>line</b>")
    changed = rows[1]
    assert "removed: " in changed.left and "gone" in changed.left
    assert "&lt;b&gt;" in changed.right
    assert [row.kind for row in line_rows("a", "a\nb")] == ["same", "added"]
    assert [row.kind for row in line_rows("a\nb", "a")] == ["same", "removed"]


def test_spaces_around_a_change_stay_outside_its_markers():
    html = inline_diff("of the trusts", "of the full member trusts")
    assert "the <ins" in html and "full member</ins> trusts" in html
