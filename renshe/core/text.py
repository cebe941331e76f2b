"""Chinese text helpers: pinyin initials for name search."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=65536)
def _initial(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    letters = lazy_pinyin(char, style=Style.FIRST_LETTER, errors="ignore")
    return letters[0].lower() if letters else ""


# Surnames read differently from the character's usual reading (曾 zēng, not céng; 单 shàn, not dān).
SURNAME_INITIALS = {
    "曾": "z",
    "单": "s",
    "解": "x",
    "仇": "q",
    "朴": "p",
    "区": "o",
    "查": "z",
    "盖": "g",
    "乐": "y",
    "尉": "y",
    "缪": "m",
    "翟": "z",
    "覃": "q",
    "召": "s",
    "长": "c",
    "万": "w",
    "秘": "b",
    "种": "c",
    "繁": "p",
    "员": "y",
    "能": "n",
    "句": "g",
    "阚": "k",
    "沈": "s",
    "洗": "x",
    "冼": "x",
}


def name_initials(name: str) -> str:
    """``张三`` → ``zs``; ``欧阳修`` → ``oyx``; ``曾小贤`` → ``zxx``. Cached per character."""
    if not name:
        return ""
    first = SURNAME_INITIALS.get(name[0]) or _initial(name[0])
    return first + "".join(_initial(ch) for ch in name[1:])
