"""The ledger's projects are the plan's 附件 重大项目表, figure for figure (read from the plan's text)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from renshe.planning import data as plan_data
from renshe.planning.projects.data.projects import PROJECTS, TOTALS
from renshe.planning.projects.models import MajorProject
from renshe.planning.projects.services import projects_load

# The plan's text as kept in the repository (renshe/planning/tests/test_register_data.py checks that the
# copy is the seed file, byte for byte, wherever the seed directory is present).
SEED = Path(plan_data.__file__).with_name("plan_source.txt")
TITLE = "茂名市人力资源和社会保障事业发展“十四五”规划重大项目表"


def seed_table() -> list[list[str]]:
    """The rows of the table: a row starts with its number; a page break continues its cells."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = max(i for i, line in enumerate(lines) if line.strip() == TITLE)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line.strip() or line.startswith("序号"):
            continue
        cells = [c.strip() for c in line.split("\t")] + [""] * 6
        if re.fullmatch(r"\d+|合计|总计", cells[0]):
            rows.append(cells[:6])
        else:
            for i, cell in enumerate(cells[:6]):
                rows[-1][i] += cell
    return rows


def test_nine_projects_as_printed():
    rows = seed_table()
    assert [r[0] for r in rows] == [str(n) for n in range(1, 10)]  # nine projects, and no 合计 row
    assert len(PROJECTS) == 9
    for row, project in zip(rows, PROJECTS, strict=True):
        number, name, content, period, total, plan = row
        assert project["order"] == int(number)
        assert project["name"] == name
        assert project["content"] == content
        assert project["period"] == period
        assert f"{project['start_year']}-{project['end_year']}" == period
        assert project["total_investment"] == Decimal(total)
        assert project["plan_investment"] == Decimal(plan)


def test_totals_are_the_sum_of_the_rows():
    rows = seed_table()
    assert TOTALS["total_investment"] == sum(Decimal(r[4]) for r in rows) == Decimal("264670")
    assert TOTALS["plan_investment"] == sum(Decimal(r[5]) for r in rows) == Decimal("241870")


def test_county_read_from_the_name():
    counties = {p["order"]: p["county"] for p in PROJECTS}
    assert counties == {
        1: "440900",  # 茂名技师学院: the city's own
        2: "440902",
        3: "440904",
        4: "440983",
        5: "440983",
        6: "440983",
        7: "440981",
        8: "440982",
        9: "440982",
    }


@pytest.mark.django_db
def test_loaded_after_migrate_and_idempotent():
    assert MajorProject.objects.count() == 9
    assert projects_load() == {"created": 0, "updated": 0}
    MajorProject.objects.filter(code="ZD-03").update(total_investment=1)
    assert projects_load() == {"created": 0, "updated": 1}
    project = MajorProject.objects.get(code="ZD-03")
    assert (project.total_investment, project.plan_investment, project.county_id) == (
        Decimal("91000"),
        Decimal("68200"),
        "440904",
    )
