"""Reference data: loaded by migration ``core.0002`` and re-loadable with ``manage.py load_reference``.

Loading is idempotent (update-or-create by code) so running it twice changes nothing.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

CITY = ("440900", "茂名市")
COUNTIES = [
    ("440902", "茂南区"),
    ("440904", "电白区"),
    ("440981", "高州市"),
    ("440982", "化州市"),
    ("440983", "信宜市"),
]

# GB/T 4754-2017 门类.
INDUSTRIES = [
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
]

# GB/T 4658-2006 top levels; rank orders them for "at least" comparisons in matching.
EDUCATION_LEVELS = [
    ("11", "博士研究生", 90),
    ("14", "硕士研究生", 80),
    ("21", "大学本科", 70),
    ("31", "大学专科", 60),
    ("41", "中等职业教育", 50),
    ("61", "普通高级中学", 45),
    ("71", "初级中学", 30),
    ("81", "小学", 20),
    ("90", "其他", 10),
]

# 中华人民共和国职业分类大典 (2022): the eight major groups, and the medium groups of group 4
# (the service occupations most of the plan's programmes train for).
OCCUPATIONS = [
    ("1", "党的机关、国家机关、群众团体和社会组织、企事业单位人员", None),
    ("2", "专业技术人员", None),
    ("3", "办事人员和有关人员", None),
    ("4", "社会生产服务和生活服务人员", None),
    ("5", "农、林、牧、渔业生产及辅助人员", None),
    ("6", "生产制造及有关人员", None),
    ("7", "军队人员", None),
    ("8", "不便分类的其他从业人员", None),
    ("4-01", "批发与零售服务人员", "4"),
    ("4-02", "交通运输、仓储物流和邮政业服务人员", "4"),
    ("4-03", "住宿和餐饮服务人员", "4"),
    ("4-04", "信息传输、软件和信息技术服务人员", "4"),
    ("4-05", "金融服务人员", "4"),
    ("4-06", "房地产服务人员", "4"),
    ("4-07", "租赁和商务服务人员", "4"),
    ("4-08", "技术辅助服务人员", "4"),
    ("4-09", "水利、环境和公共设施管理服务人员", "4"),
    ("4-10", "居民服务人员", "4"),
    ("4-11", "电力、燃气及水供应服务人员", "4"),
    ("4-12", "修理及制作服务人员", "4"),
    ("4-13", "文化和教育服务人员", "4"),
    ("4-14", "健康、体育和休闲服务人员", "4"),
]

PERSON_TAGS = [
    ("migrant_worker", "异地务工人员"),
    ("graduate", "高校毕业生"),
    ("veteran", "退役军人"),
    ("disabled", "残疾人"),
    ("poverty_alleviated", "脱贫人口"),
    ("employment_difficulty", "就业困难人员"),
    ("rural_labour", "农村劳动力"),
]

# DOMAIN.md §7: Maoming tier-4 minimum wage.
MINIMUM_WAGES = [
    (
        "440900",
        date(2021, 12, 1),
        Decimal("1620.00"),
        Decimal("16.10"),
        "广东省2021年调整企业职工最低工资标准（第四类地区）",
    ),
    ("440900", date(2025, 3, 1), Decimal("1750.00"), Decimal("17.40"), "茂府函〔2025〕9号"),
]


def town_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "maoming_towns_2022.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def town_kind(code: str) -> str:
    """Statistical division codes: 0xx streets, 1xx towns, 2xx townships, 4xx farms and special units."""
    return {"0": "街道", "1": "镇", "2": "乡"}.get(code[6], "农场等")


def reference_load(apps=None) -> dict[str, int]:
    """Create or update every reference row. ``apps`` is a migration's app registry, or None for live models."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Region = apps.get_model("core", "Region")
    Industry = apps.get_model("core", "Industry")
    EducationLevel = apps.get_model("core", "EducationLevel")
    Occupation = apps.get_model("core", "Occupation")
    PersonTag = apps.get_model("core", "PersonTag")
    MinimumWage = apps.get_model("core", "MinimumWage")

    counts: dict[str, int] = {}
    city, _ = Region.objects.update_or_create(
        code=CITY[0], defaults={"name": CITY[1], "level": 1, "parent": None, "kind": "地级市"}
    )
    for code, name in COUNTIES:
        Region.objects.update_or_create(
            code=code,
            defaults={"name": name, "level": 2, "parent": city, "kind": "市辖区" if name.endswith("区") else "县级市"},
        )
    for row in town_rows():
        Region.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": 3,
                "parent_id": row["county_code"],
                "kind": town_kind(row["code"]),
                "valid_from": date(2022, 10, 31),
            },
        )
    counts["regions"] = Region.objects.count()
    for code, name in INDUSTRIES:
        Industry.objects.update_or_create(code=code, defaults={"name": name})
    counts["industries"] = len(INDUSTRIES)
    for code, name, rank in EDUCATION_LEVELS:
        EducationLevel.objects.update_or_create(code=code, defaults={"name": name, "rank": rank})
    counts["education_levels"] = len(EDUCATION_LEVELS)
    for code, name, parent in OCCUPATIONS:
        Occupation.objects.update_or_create(code=code, defaults={"name": name, "parent_id": parent})
    counts["occupations"] = len(OCCUPATIONS)
    for code, name in PERSON_TAGS:
        PersonTag.objects.update_or_create(code=code, defaults={"name": name})
    counts["person_tags"] = len(PERSON_TAGS)
    for region_code, valid_from, monthly, hourly, source in MINIMUM_WAGES:
        MinimumWage.objects.update_or_create(
            region_code=region_code,
            valid_from=valid_from,
            defaults={"monthly": monthly, "hourly": hourly, "source": source},
        )
    counts["minimum_wages"] = len(MINIMUM_WAGES)
    return counts
