"""Identifiers: resident identity numbers, unified social credit codes, phones, and masking.

Pure functions: no database, no request. Sources are cited on each function (DOMAIN.md §1, §9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# GB 11643-1999 weights for the 17 body digits, and the check characters by remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB/T 2260 province-level prefixes (81/82/83: residence permits of Hong Kong, Macao, Taiwan residents).
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)

# Maoming's county-level codes, current and historic. Numbers of Maoming people are checked
# against this list exactly; other regions are checked at province level, because the national
# table of every county ever issued is not shipped with the platform (see docs/decisions.md).
MAOMING_COUNTY_CODES = {
    "440900": "茂名市",
    "440901": "茂名市市辖区",
    "440902": "茂南区",
    "440903": "茂港区 (2014 年并入电白区)",
    "440904": "电白区",
    "440921": "信宜县 (后设信宜市)",
    "440922": "高州县 (后设高州市)",
    "440923": "电白县 (2014 年并入电白区)",
    "440924": "化州县 (后设化州市)",
    "440981": "高州市",
    "440982": "化州市",
    "440983": "信宜市",
}


@dataclass(frozen=True)
class ResidentId:
    number: str
    region_code: str
    birth_date: date
    gender: str  # 'M' or 'F'

    @property
    def is_maoming(self) -> bool:
        return self.region_code.startswith("4409")

    def age_on(self, on: date) -> int:
        years = on.year - self.birth_date.year
        if (on.month, on.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


def resident_id_check_char(body17: str) -> str:
    """The 18th character of a GB 11643-1999 number from its first 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(body17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_resident_id(text: str) -> str:
    """Trim, upper-case the check ``x``, and convert a 15-digit number to 18 digits."""
    value = (text or "").strip().replace(" ", "").upper()
    if len(value) == 15 and value.isdigit():
        body = value[:6] + "19" + value[6:]
        value = body + resident_id_check_char(body)
    return value


def parse_resident_id(text: str, *, today: date | None = None) -> ResidentId:
    """Validate a resident identity number (GB 11643-1999) and return what it encodes.

    Raises ``ValidationError`` whose message says what is wrong: length, characters, region
    code, birth date, or check character. A 15-digit number is converted by inserting ``19``
    after the region code and computing the check character.
    """
    value = normalize_resident_id(text)
    if len(value) != 18:
        raise ValidationError(
            _("身份证号码应为18位（或旧版15位），实际为%(n)d位"), code="length", params={"n": len(value)}
        )
    body, check = value[:17], value[17]
    if not body.isdigit() or not (check.isdigit() or check == "X"):
        raise ValidationError(_("身份证号码只能由数字和末位 X 组成"), code="characters")
    region = body[:6]
    if region[:2] not in PROVINCE_CODES:
        raise ValidationError(_("身份证号码的地区码 %(code)s 不存在"), code="region", params={"code": region})
    if region.startswith("4409") and region not in MAOMING_COUNTY_CODES:
        raise ValidationError(
            _("身份证号码的地区码 %(code)s 不是茂名市的有效区县代码"), code="region", params={"code": region}
        )
    try:
        born = date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        raise ValidationError(
            _("身份证号码中的出生日期 %(d)s 不存在"), code="birth_date", params={"d": body[6:14]}
        ) from None
    if born > (today or timezone.localdate()):
        raise ValidationError(
            _("身份证号码中的出生日期 %(d)s 晚于今天"), code="birth_date", params={"d": born.isoformat()}
        )
    expected = resident_id_check_char(body)
    if check != expected:
        raise ValidationError(
            _("身份证号码校验位错误：末位应为 %(expected)s，实际为 %(actual)s"),
            code="check_digit",
            params={"expected": expected, "actual": check},
        )
    gender = "M" if int(body[16]) % 2 == 1 else "F"
    return ResidentId(number=value, region_code=region, birth_date=born, gender=gender)


# GB 32100-2015: 31 characters, values 0..30 (no I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code: weights on its 8 body characters (digits, and A-Z as 10..35).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_REGISTRATION_AUTHORITIES = set("123456789ABCDEFGNY")


def uscc_check_char(body17: str) -> str:
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(body17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(body8: str) -> str:
    total = sum(int(ch, 36) * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def validate_uscc(text: str) -> str:
    """Validate a unified social credit code (GB 32100-2015); return it normalised.

    Checks the alphabet, the registration authority, the county code shape, the embedded
    organisation code's own check character (GB 11714) and the final check character.
    """
    value = (text or "").strip().replace(" ", "").upper()
    if len(value) != 18:
        raise ValidationError(_("统一社会信用代码应为18位，实际为%(n)d位"), code="length", params={"n": len(value)})
    bad = sorted({ch for ch in value if ch not in USCC_ALPHABET})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、Z、S、V）"),
            code="characters",
            params={"chars": "".join(bad)},
        )
    if value[0] not in _USCC_REGISTRATION_AUTHORITIES:
        raise ValidationError(_("统一社会信用代码第1位登记管理部门代码无效"), code="authority")
    if not value[2:8].isdigit():
        raise ValidationError(_("统一社会信用代码第3-8位应为行政区划代码"), code="region")
    org_body, org_check = value[8:16], value[16]
    if org_check != org_code_check_char(org_body):
        raise ValidationError(
            _("统一社会信用代码中的组织机构代码校验位错误：第17位应为 %(expected)s"),
            code="org_check",
            params={"expected": org_code_check_char(org_body)},
        )
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位错误：末位应为 %(expected)s，实际为 %(actual)s"),
            code="check_digit",
            params={"expected": expected, "actual": value[17]},
        )
    return value


def is_valid_uscc(text: str) -> bool:
    """True when ``text`` is a valid unified social credit code (GB 32100-2015)."""
    try:
        validate_uscc(text)
    except ValidationError:
        return False
    return True


_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(text: str) -> str:
    """Strip ``+86``, spaces and dashes; raise ``ValidationError`` unless a mainland mobile number."""
    value = re.sub(r"[\s\-()]", "", text or "")
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("0086"):
        value = value[4:]
    if not _PHONE_RE.match(value):
        raise ValidationError(_("手机号码格式不正确，应为以1开头的11位号码"), code="phone")
    return value


def mask_resident_id(text: str) -> str:
    """``440902198506150023`` → ``440902********0023`` (first 6 and last 4 kept)."""
    value = text or ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(text: str) -> str:
    """``13812345678`` → ``138****5678``."""
    value = text or ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(text: str) -> str:
    """``张三`` → ``张*``; ``欧阳修远`` → ``欧阳**`` (compound surnames keep two characters)."""
    value = text or ""
    if len(value) <= 1:
        return value
    keep = 2 if len(value) > 2 and value[:2] in COMPOUND_SURNAMES else 1
    return value[:keep] + "*" * (len(value) - keep)


COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 "  # split over two lines for width
    "宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门".split()
)


def build_resident_id(region_code: str, birth_date: date, sequence: int) -> str:
    """A valid 18-digit number from its parts (``sequence`` 0–999; odd = male). For demo data and tests."""
    body = f"{region_code}{birth_date:%Y%m%d}{sequence % 1000:03d}"
    return body + resident_id_check_char(body)


def build_uscc(region_code: str, serial: int, *, authority: str = "9", org_type: str = "1") -> str:
    """A valid unified social credit code for ``region_code`` whose organisation code is built from
    ``serial`` (0 – 36**7). For demo data and tests."""
    digits = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    chars = []
    n = serial
    for _position in range(7):
        n, r = divmod(n, 31)
        chars.append(digits[r])
    org_body = "M" + "".join(reversed(chars))  # a letter first, like many real 工商 codes
    org_check = org_code_check_char(org_body)
    if org_check not in USCC_ALPHABET:  # 'X' and digits are all in the alphabet; kept for clarity
        org_check = "0"
    body17 = f"{authority}{org_type}{region_code[:6]}{org_body}{org_check}"
    return body17 + uscc_check_char(body17)
