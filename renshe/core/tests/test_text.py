from __future__ import annotations

import pytest

from renshe.core.text import name_initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张三", "zs"),
        ("曾", "z"),  # the surname reads zēng, not céng
        ("曾小贤", "zxx"),
        ("单田芳", "stf"),
        ("欧阳修", "oyx"),
        ("李4", "l4"),
        ("", ""),
    ],
)
def test_name_initials(name, initials):
    assert name_initials(name) == initials
