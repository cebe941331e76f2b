"""Dated parameters of the contracts app (renshe.core.params): the blacklist's arrears threshold and
the minimum registered capital of a labour-dispatch business. Administrators add later values with
a later ``valid_from``; this migration never overwrites one already entered."""

from datetime import date
from decimal import Decimal

from django.db import migrations

PARAMETERS = [
    (
        "contracts.blacklist_arrears_threshold",
        date(2022, 1, 1),
        Decimal("30000"),
        "元",
        "拖欠农民工工资列入失信名单的认定数额标准",
        "人社部令第45号第五条；拒不支付劳动报酬罪数额标准（最高法法释〔2013〕3号第三条，省定）[M]",
    ),
    (
        "contracts.dispatch_min_capital",
        date(2013, 7, 1),
        Decimal("200"),
        "万元",
        "经营劳务派遣业务的最低注册资本",
        "劳动合同法（2012修正）第五十七条",
    ),
]


def forwards(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for key, valid_from, value, unit, description, source in PARAMETERS:
        Parameter.objects.get_or_create(
            key=key,
            valid_from=valid_from,
            defaults={"value": value, "unit": unit, "description": description, "source": source},
        )


def backwards(apps, schema_editor):
    Parameter = apps.get_model("core", "Parameter")
    for key, valid_from, *_rest in PARAMETERS:
        Parameter.objects.filter(key=key, valid_from=valid_from).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("core", "0003_parameter_storedfile"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
