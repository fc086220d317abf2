"""How central a tag is: the lead, how often, how early."""

from __future__ import annotations

from digest.extract.salience import lead_end, salience


def test_the_lead_is_the_first_two_non_empty_lines_at_most_400_characters():
    text = "Тақырып\n\nБірінші сөйлем.\nЕкінші абзац."
    assert text[: lead_end(text)].strip() == "Тақырып\n\nБірінші сөйлем."
    assert lead_end("сөз " * 200) == 400


def test_named_in_the_lead_often_and_early_scores_highest():
    lead = 50
    top = salience([0, 100, 200, 300, 400], 1000, lead)
    once_late = salience([900], 1000, lead)
    often_late = salience([600, 700, 800, 850, 900], 1000, lead)
    assert top == 1.0  # in the lead, five mentions, at the very start
    assert 0 < once_late < often_late < top <= 1


def test_an_editors_tag_without_mentions_counts_as_named_in_the_lead():
    assert salience([], 1000, 50) == 0.5
