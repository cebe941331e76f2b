"""The job-fair rules: entry codes, booth numbers, the check-in day (pure, table-tested)."""

from datetime import date

import pytest

from renshe.employment import rules


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("abcd2345", "ABCD2345"),
        (" ABCD-2345 ", "ABCD2345"),
        ("abcd 2345", "ABCD2345"),
        ("", ""),
        (None, ""),
    ],
)
def test_entry_code_normalise(typed, stored):
    assert rules.entry_code_normalise(typed) == stored


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("ABCD2345", True),
        ("ABCD234", False),  # too short
        ("ABCD23456", False),  # too long
        ("ABCD0345", False),  # 0 is not in the alphabet (confused with O)
        ("ABCDI345", False),  # I is not in the alphabet (confused with 1)
        ("abcd2345", False),  # stored codes are upper case: normalise first
    ],
)
def test_entry_code_well_formed(code, ok):
    assert rules.entry_code_well_formed(code) is ok


def test_alphabet_has_no_ambiguous_characters():
    assert not set("01OIL") & set(rules.ENTRY_CODE_ALPHABET)


def test_entry_code_display():
    assert rules.entry_code_display("ABCD2345") == "ABCD-2345"
    assert rules.entry_code_display("XYZ") == "XYZ"


@pytest.mark.parametrize(
    ("day", "runs"),
    [(date(2026, 3, 4), False), (date(2026, 3, 5), True), (date(2026, 3, 6), True), (date(2026, 3, 7), False)],
)
def test_fair_runs_on(day, runs):
    assert rules.fair_runs_on(date(2026, 3, 5), date(2026, 3, 6), day) is runs


@pytest.mark.parametrize(
    ("number", "count", "taken", "error"),
    [
        (1, 3, set(), None),
        (3, 3, {1, 2}, None),
        (4, 3, set(), "beyond_count"),
        (0, 3, set(), "too_small"),
        (2, 3, {2}, "taken"),
    ],
)
def test_booth_number_error(number, count, taken, error):
    assert rules.booth_number_error(number, count, taken) == error


def test_first_free_booth_number():
    assert rules.first_free_booth_number(3, set()) == 1
    assert rules.first_free_booth_number(3, {1, 3}) == 2
    assert rules.first_free_booth_number(2, {1, 2}) is None


def test_booth_number_label_sorts_as_number():
    labels = [rules.booth_number_label(n) for n in (12, 7, 100)]
    assert sorted(labels) == ["007", "012", "100"]
