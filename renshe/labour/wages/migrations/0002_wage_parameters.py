"""Dated parameters of the wage rules (DOMAIN.md §6 [M]: configurable; administrators add later rows)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

SOURCE = "保障农民工工资支付条例 2020；工程建设领域农民工工资保证金规定"
PARAMS = [
    ("wages.deposit_rate", Decimal("2"), "%", "工资保证金比例（合同价款的1%–3%）"),
    ("wages.deposit_clean_factor", Decimal("0.5"), "", "无拖欠记录的保证金系数（0为免缴）"),
    ("wages.deposit_arrears_factor", Decimal("1.5"), "", "有拖欠记录的保证金系数（不超过3%）"),
    ("wages.account_days", Decimal("30"), "天", "施工合同签订后开设工资专用账户的期限"),
    ("wages.w2_min_ratio", Decimal("0.8"), "", "人工费累计拨付低于按工期应拨的比例即预警"),
    ("wages.lookback_months", Decimal("3"), "月", "欠薪预警回溯的发薪月数"),
    ("wages.w9_signals", Decimal("1"), "条", "外部风险信号达到此数即预警"),
]


def add(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for key, value, unit, description in PARAMS:
        Parameter.objects.get_or_create(
            key=key,
            valid_from=date(2020, 5, 1),
            defaults={"value": value, "unit": unit, "description": description, "source": SOURCE},
        )


def remove(apps, schema_editor):
    apps.get_model("core", "Parameter").objects.filter(key__in=[p[0] for p in PARAMS], valid_from=date(2020, 5, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("wages", "0001_initial"), ("core", "0003_parameter_storedfile")]
    operations = [migrations.RunPython(add, remove)]
