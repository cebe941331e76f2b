"""Identifiers, table-tested against DOMAIN.md §1 and §9 (no database)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from renshe.core.identity import (
    MAOMING_COUNTY_CODES,
    USCC_ALPHABET,
    build_resident_id,
    build_uscc,
    is_valid_uscc,
    mask_name,
    mask_phone,
    mask_resident_id,
    normalize_phone,
    org_code_check_char,
    parse_resident_id,
    resident_id_check_char,
    uscc_check_char,
    validate_uscc,
)

# --- resident identity numbers (GB 11643-1999) ----------------------------------------------


@pytest.mark.parametrize(
    ("number", "region", "born", "gender"),
    [
        ("11010519491231002X", "110105", date(1949, 12, 31), "F"),
        ("440524188001010014", "440524", date(1880, 1, 1), "M"),
        ("440902198506150023", "440902", date(1985, 6, 15), "F"),
    ],
)
def test_domain_examples_are_valid(number, region, born, gender):
    parsed = parse_resident_id(number)
    assert (parsed.number, parsed.region_code, parsed.birth_date, parsed.gender) == (number, region, born, gender)


@pytest.mark.parametrize(
    ("body", "expected_sum", "check"),
    [("11010519491231002", 167, "X"), ("44052418800101001", 195, "4"), ("44090219850615002", 284, "3")],
)
def test_check_character_follows_the_weighted_sum(body, expected_sum, check):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    assert sum(int(d) * w for d, w in zip(body, weights, strict=True)) == expected_sum
    assert resident_id_check_char(body) == check


def _error(text: str, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_resident_id(text, **kwargs)
    return info.value


def test_wrong_check_digit_names_the_expected_character():
    error = _error("440902198506150024")
    assert error.code == "check_digit"
    message = error.messages[0]
    assert "校验位" in message
    assert "应为 3" in message
    assert "4" in message


def test_impossible_date_is_refused():
    body = "44090219990230001"
    error = _error(body + resident_id_check_char(body))
    assert error.code == "birth_date"
    assert "19990230" in error.messages[0]
    assert "不存在" in error.messages[0]


def test_future_birth_date_is_refused():
    number = build_resident_id("440902", date(2030, 1, 2), 11)
    error = _error(number, today=date(2030, 1, 1))
    assert error.code == "birth_date"
    assert "晚于今天" in error.messages[0]
    # The same number is fine once the day has come.
    assert parse_resident_id(number, today=date(2030, 1, 2)).birth_date == date(2030, 1, 2)


def test_future_birth_date_is_refused_against_the_real_today():
    error = _error(build_resident_id("440902", date(2099, 1, 1), 11))
    assert error.code == "birth_date"


def test_unknown_province_is_refused():
    body = "99010519900101001"
    error = _error(body + resident_id_check_char(body))
    assert error.code == "region"
    assert "990105" in error.messages[0]


def test_unknown_maoming_county_is_refused():
    error = _error(build_resident_id("440999", date(1990, 1, 1), 11))
    assert error.code == "region"
    assert "440999" in error.messages[0]
    assert "茂名" in error.messages[0]


@pytest.mark.parametrize("county", ["440903", "440923", "440921", "440922", "440924"])
def test_historic_maoming_codes_are_accepted(county):
    parsed = parse_resident_id(build_resident_id(county, date(1970, 3, 4), 21))
    assert parsed.region_code == county
    assert parsed.is_maoming


def test_lowercase_x_is_normalised():
    parsed = parse_resident_id(" 11010519491231002x ")
    assert parsed.number == "11010519491231002X"


def test_fifteen_digit_number_is_converted():
    parsed = parse_resident_id("440524800101001")
    body = "44052419800101001"
    assert parsed.number == body + resident_id_check_char(body)
    assert parsed.number == "440524198001010013"
    assert parsed.birth_date == date(1980, 1, 1)
    assert parsed.gender == "M"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "length"),
        ("4409021985061500", "length"),
        ("4409021985061500231", "length"),
        ("44090219850615002A", "characters"),
        ("4409021985061X0023", "characters"),
        ("44090219850615 0023", None),  # inner spaces are removed, then it is valid
    ],
)
def test_shape_errors(text, code):
    if code is None:
        assert parse_resident_id(text).number == "440902198506150023"
    else:
        assert _error(text).code == code


def test_age_on():
    parsed = parse_resident_id("440902198506150023")
    assert parsed.age_on(date(2025, 6, 14)) == 39
    assert parsed.age_on(date(2025, 6, 15)) == 40


_regions = st.sampled_from([*sorted(MAOMING_COUNTY_CODES), "110105", "440524", "440106", "810000", "650102"])
_births = st.dates(min_value=date(1900, 1, 1), max_value=date(2024, 12, 31))


@given(region=_regions, born=_births, sequence=st.integers(min_value=0, max_value=999))
def test_built_numbers_parse_back(region, born, sequence):
    parsed = parse_resident_id(build_resident_id(region, born, sequence))
    assert parsed.region_code == region
    assert parsed.birth_date == born
    assert parsed.gender == ("M" if sequence % 2 else "F")


@given(
    region=_regions,
    born=_births,
    sequence=st.integers(min_value=0, max_value=999),
    position=st.integers(min_value=0, max_value=17),
    shift=st.integers(min_value=1, max_value=10),
)
def test_a_single_character_change_always_fails(region, born, sequence, position, shift):
    number = build_resident_id(region, born, sequence)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = number[position]
    new = alphabet[(alphabet.index(old) + shift) % len(alphabet)]
    if new == old:  # shift == len(alphabet) on a body digit wraps around to itself
        new = alphabet[(alphabet.index(old) + 1) % len(alphabet)]
    mutated = number[:position] + new + number[position + 1 :]
    if position < 17:
        # GB 11643's weights are all non-zero modulo 11, so the check character always moves.
        assert resident_id_check_char(mutated[:17]) != number[17]
    with pytest.raises(ValidationError):
        parse_resident_id(mutated)


# --- unified social credit codes (GB 32100-2015) --------------------------------------------

_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


@pytest.mark.parametrize(
    ("code", "expected_sum", "check"),
    [("91350100M000100Y43", 1640, "3"), ("91110108551385082Q", 999, "Q")],
)
def test_domain_credit_codes(code, expected_sum, check):
    assert sum(USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True)) == expected_sum
    assert uscc_check_char(code[:17]) == check
    assert is_valid_uscc(code)
    assert validate_uscc(code) == code


def test_embedded_organisation_code_check():
    assert org_code_check_char("M000100Y") == "4"


def test_wrong_final_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as info:
        validate_uscc("91350100M000100Y44")
    assert info.value.code == "check_digit"
    assert "应为 3" in info.value.messages[0]
    assert not is_valid_uscc("91350100M000100Y44")


def test_wrong_embedded_organisation_check_is_refused():
    # Position 17 changed from 4 to 5; the final check recomputed so that only the org code is wrong.
    body = "91350100M000100Y5"
    code = body + uscc_check_char(body)
    with pytest.raises(ValidationError) as info:
        validate_uscc(code)
    assert info.value.code == "org_check"
    assert "4" in info.value.messages[0]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_outside_the_alphabet_are_refused(letter):
    code = "91350100M000100Y43"
    bad = code[:9] + letter + code[10:]
    with pytest.raises(ValidationError) as info:
        validate_uscc(bad)
    assert info.value.code == "characters"
    assert letter in info.value.messages[0]
    assert not is_valid_uscc(bad)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("91350100m000100y43", True),  # lower case is normalised
        (" 91350100M000100Y43 ", True),
        ("", False),
        ("91350100M000100Y4", False),
        ("X1350100M000100Y43", False),  # X is in the alphabet but is not a registration authority
        (None, False),
    ],
)
def test_credit_code_shapes(text, valid):
    assert is_valid_uscc(text) is valid


@given(region=st.sampled_from(sorted(MAOMING_COUNTY_CODES)), serial=st.integers(min_value=0, max_value=31**7 - 1))
def test_built_credit_codes_are_valid(region, serial):
    code = build_uscc(region, serial)
    assert validate_uscc(code) == code
    assert code[2:8] == region


# --- phones and masking (DOMAIN.md §1, §9) ---------------------------------------------------


@pytest.mark.parametrize(
    "text", ["13812345678", "+86 138 1234 5678", "+86-138-1234-5678", "138-1234-5678", "0086 13812345678"]
)
def test_phone_normalisation(text):
    assert normalize_phone(text) == "13812345678"


@pytest.mark.parametrize("text", ["", "12812345678", "1381234567", "138123456789", "0668-2912345", "abc"])
def test_bad_phones_are_refused(text):
    with pytest.raises(ValidationError) as info:
        normalize_phone(text)
    assert "手机号码" in info.value.messages[0]


@pytest.mark.parametrize(
    ("fn", "value", "masked"),
    [
        (mask_resident_id, "44090219900517123X", "440902********123X"),
        (mask_resident_id, "440902198506150023", "440902********0023"),
        (mask_resident_id, "", ""),
        (mask_phone, "13812345678", "138****5678"),
        (mask_phone, "", ""),
        (mask_name, "张三", "张*"),
        (mask_name, "张三丰", "张**"),
        (mask_name, "欧阳娜娜", "欧阳**"),
        (mask_name, "欧阳修", "欧阳*"),
        (mask_name, "张", "张"),
    ],
)
def test_masks(fn, value, masked):
    assert fn(value) == masked
