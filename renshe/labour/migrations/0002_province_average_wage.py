"""The province's previous-year average annual wage (simplified procedure threshold, 办案规则 Art. 56).

A dated ``core.Parameter``: the administrator enters each year's published figure with the day it
takes effect. The row below is a placeholder to be checked against the Guangdong statistics bureau's
published figure (see docs/labour.md); it is not a sourced number.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

KEY = "labour.province_average_annual_wage"


def load(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    if not Parameter.objects.filter(key=KEY).exists():
        Parameter.objects.create(
            key=KEY,
            valid_from=date(2024, 1, 1),
            value=Decimal("115000"),
            unit="元/年",
            description="广东省上年度全口径城镇单位就业人员年平均工资（待按省统计局公布数核实）",
            source="劳动人事争议仲裁办案规则第五十六条",
        )


def unload(apps, schema_editor):
    apps.get_model("core", "Parameter").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("labour", "0001_initial"),
        ("core", "0004_figure_value"),
    ]

    operations = [migrations.RunPython(load, unload)]
