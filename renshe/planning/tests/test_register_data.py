"""The register against the plan's own text: 专栏1 and 专栏2 read from the plan, figure for figure,
and every quoted target sentence found in the plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from renshe.planning.data import indicators as data
from renshe.planning.models import Indicator

PLAN = Path(data.__file__).with_name("plan_source.txt")
SHARED = Path("/work/shared/seed/000_5863a0a787e3b3d1.txt")


def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


def table_rows(title: str, stop: str) -> list[list[str]]:
    """The numbered tab-separated rows of a 专栏 table, from its title to the line starting ``stop``."""
    lines = plan_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith(stop):
            break
        cells = line.split("\t")
        if cells and cells[0].strip().isdigit():
            rows.append([c.strip() for c in cells])
    return rows


def test_the_copy_of_the_plan_is_the_seed_file():
    if SHARED.exists():  # on the build machine the seed directory is there; the copy must not drift
        assert PLAN.read_bytes() == SHARED.read_bytes()
    assert "专栏2 “十四五”时期主要指标" in plan_text()


def test_zhuanlan1_figure_for_figure():
    rows = table_rows("专栏1 ", "注：")
    assert len(rows) == 17
    register = {r["code"]: r for r in data.register_rows()}
    for no, name, unit, base, target, result, completion, attribute in rows:
        row = register[f"Z1-{int(no):02d}"]
        assert (row["name"], row["unit"], row["base"], row["target"]) == (name, unit, base, target)
        assert (row["result"], row["completion"], row["attribute"]) == (result, completion, attribute)


def test_zhuanlan2_figure_for_figure():
    rows = table_rows("专栏2 ", "注：")
    assert len(rows) == 18
    register = {r["code"]: r for r in data.register_rows()}
    for no, name, unit, base, target, attribute in rows:
        row = register[f"Z2-{int(no):02d}"]
        assert (row["name"], row["unit"], row["base"], row["target"], row["attribute"]) == (
            name,
            unit,
            base,
            target,
            attribute,
        )


def test_every_wording_is_a_sentence_of_the_plan():
    text = plan_text()
    quoted = [r for r in data.register_rows() if r["wording"]]
    assert len(quoted) >= 40
    for row in quoted:
        assert row["wording"] in text, row["code"]


@pytest.mark.parametrize(
    ("code", "sentence", "number"),
    [
        ("T2-01", "城镇新增就业累计 21 万人以上", "21"),
        ("T2-03", "34.5 万人", "34.5"),
        ("T2-04", "38 万人", "38"),
        ("T2-02", "基本养老保险参保率达到 95%", "95"),
        ("T2-05", "年金基金规模超过 83 亿元", "83"),
        ("T2-09", "调解成功率达到 75%以上", "75"),
        ("T2-10", "仲裁结案率达到 95%以上", "95"),
        ("T2-11", "结案率达到 96%以上", "96"),
        ("T2-12", "持卡人数达 500 万人", "500"),
        ("T2-13", "人口覆盖率达到 36%", "36"),
        ("T2-06", "技师学院 1 所", "1"),
        ("T2-07", "高级技工学校 3 所", "3"),
        ("T2-08", "优质技工学校 4 所", "4"),
        ("Z4-01", "3 个以上农村电商产业园", "3"),
        ("Z4-02", "300 个以上农村电商基层示范站", "300"),
        ("Z4-03", "2 个以上农村电商培训基地", "2"),
        ("Z4-04", "累计超过 8000 人次", "8000"),
        ("Z4-05", "每年举办 2-3 场", "2"),
        ("Z7-01", "职业技能培训 20 万人次以上", "20"),
        ("Z7-02", "备案 46 家", "46"),
        ("Z7-03", "备案 10 家", "10"),
        ("Z8-01", "“粤菜师傅”培训 2.5 万人次", "2.5"),
        ("Z8-02", "带动 3 万人以上", "3"),
        ("Z8-03", "比例达到 31%以上", "31"),
        ("Z8-04", "家政职业技能培训 3.6 万人次以上", "3.6"),
        ("Z8-05", "促进 4.6 万人次以上", "4.6"),
        ("Z9-04", "建成 10 个", "10"),
        ("T7-01", "保持在 95%以上", "95"),
        ("T4-01", "新增结余80%以上", "80"),
        ("T5-01", "每年培养约 20 名", "20"),
        ("Z13-01", "“乡村工匠”培训 3000 人次以上", "3000"),
    ],
)
def test_text_targets_quote_the_plan(code, sentence, number):
    row = {r["code"]: r for r in data.register_rows()}[code]
    assert sentence in row["wording"] and sentence in plan_text()
    assert data.parse_cell(row["target"])["number"] == Decimal(number)


@pytest.mark.parametrize(
    ("cell", "number", "cumulative", "bound"),
    [
        ("[21]", "21", True, ""),
        (">83", "83", False, "floor"),
        ("3.5 以内", "3.5", False, "ceiling"),
        ("90 (原口径: 98)", "90", False, ""),
        ("75以上", "75", False, "floor"),
        ("2-3", "2", False, "floor"),
        ("/", None, False, ""),
        ("8:38:54", None, False, ""),
        ("[62000]", "62000", True, ""),
    ],
)
def test_parse_cell(cell, number, cumulative, bound):
    parsed = data.parse_cell(cell)
    assert parsed == {"number": Decimal(number) if number else None, "cumulative": cumulative, "bound": bound}


def test_every_restated_code_exists_and_owners_are_offices():
    rows = data.register_rows()
    codes = {r["code"] for r in rows}
    assert len(codes) == len(rows)
    for row in rows:
        assert row["owner"] in data.Office.ALL
        assert not row["restates"] or row["restates"] in codes


@pytest.mark.django_db
def test_the_register_is_loaded_after_migrate_and_sync_is_idempotent():
    from renshe.planning.services import register_sync

    assert Indicator.objects.count() == len(data.register_rows())
    assert register_sync() == {"created": 0, "updated": 0}
    z = Indicator.objects.get(code="Z2-17")
    assert (z.base, z.target, z.unit, z.attribute) == (Decimal("590"), Decimal("500"), "万人", "预期性")
    assert Indicator.objects.get(code="Z2-01").cumulative
    assert Indicator.objects.get(code="Z2-06").bound == "floor"
    assert Indicator.objects.get(code="Z1-02").bound == "ceiling"
    assert Indicator.objects.get(code="Z2-03").attribute == "约束性"


def test_chapter_labels():
    assert data.chapter_label("专栏4") == "专栏4（第三章）"
    assert data.chapter_label("第七章 专栏9") == "第七章 专栏9"
    assert data.chapter_label("第四章 第三节") == "第四章 第三节"
    assert {r["ref"] for r in data.register_rows()} - set(data.CHAPTER_OF_BOX) <= {
        "第二章 第三节",
        "第四章 第三节",
        "第五章 第三节",
        "第七章 第二节",
    }
