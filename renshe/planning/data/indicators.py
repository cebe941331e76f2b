"""The indicator register of 茂名市人力资源和社会保障事业发展"十四五"规划, as data.

Every quantified target of the plan is one row, quoted exactly from the text
(/work/shared/seed/000_5863a0a787e3b3d1.txt); the tests read the plan's tables 专栏1 and 专栏2
and compare them with this file figure for figure, and check that every ``wording`` is a sentence
of the plan.

Codes: ``Z1-nn`` 专栏1 (十三五 results, kept as the record), ``Z2-nn`` 专栏2 (the 十四五 indicators),
``T<chapter>-nn`` a target stated in the text of a chapter, ``Z<box>-nn`` a target in another 专栏.

Fields of a row (a dict):

* ``base`` / ``target`` / ``result`` / ``completion``: the cells as printed (``[ ]`` five-year
  cumulative, ``>`` / ``以上`` floor, ``以内`` ceiling, ``/`` none, ratios ``8:38:54``);
  ``parse_cell`` turns them into numbers.
* ``attribute``: 预期性 / 约束性 / ``/`` (none).
* ``owner``: the office that answers for the figure (an ``Office`` value, docs/planning.md).
* ``figure`` / ``scale``: a figure key of renshe.core.figures computing the value, and the factor
  from the figure's unit to the indicator's (人 → 万人: 0.0001).
* ``restates``: the code of the row this one restates (the same target said again elsewhere in the
  plan); its value is that row's value times ``restates_scale`` and it is not counted twice in
  summaries.
* ``annual``: the target holds for each year (每年 …), not for the end of the plan.
* ``monitored``: False for the 十三五 record (专栏1), except 企业劳动合同签订率, which the 十四五
  plan keeps pursuing (专栏11 item 3) without a new figure: its 97% stays the floor.
"""

from __future__ import annotations

import re
from decimal import Decimal

PLAN_START_YEAR = 2021
PLAN_END_YEAR = 2025


class Office:
    EMPLOYMENT = "就业促进科"
    INSURANCE = "社会保险科"
    FUND = "社会保险基金监督科"
    TALENT = "人才科"
    SKILLS = "职业能力建设科"
    RELATIONS = "劳动关系科"
    ARBITRATION = "仲裁院"
    INSPECTION = "监察支队"
    INFORMATION = "信息中心"

    ALL = (EMPLOYMENT, INSURANCE, FUND, TALENT, SKILLS, RELATIONS, ARBITRATION, INSPECTION, INFORMATION)


E, INS, F, T, S, R, A, N, C = (
    Office.EMPLOYMENT,
    Office.INSURANCE,
    Office.FUND,
    Office.TALENT,
    Office.SKILLS,
    Office.RELATIONS,
    Office.ARBITRATION,
    Office.INSPECTION,
    Office.INFORMATION,
)
EXP, BIND, NONE = "预期性", "约束性", "/"

# 专栏1 "十三五"时期主要指标完成情况: (no, group, name, unit, base 2015, target 2020, result 2020,
# completion, attribute, owner)
ZHUANLAN1 = [
    (1, "一、就业", "城镇新增就业人数", "万人", "7.13", "[30]", "[31.72]", "105.7%", EXP, E),
    (2, "一、就业", "城镇登记失业率", "%", "2.42", "3.5 以内", "2.48", "控制在目标范围内", EXP, E),
    (3, "二、社会保险", "基本养老保险参保率", "%", "/", "90 (原口径: 98)", "90 (原口径: 98)", "/", EXP, INS),
    (4, "二、社会保险", "失业保险参保人数", "万人", "25.78", "32", "33.80", "105.6%", BIND, INS),
    (5, "二、社会保险", "工伤保险参保人数", "万人", "35.8", "36", "36.94", "102.6%", BIND, INS),
    (6, "二、社会保险", "企业退休人员基本养老金", "元/月", "1978.63", "2803", "2355", "84%", EXP, INS),
    (7, "三、人才队伍建设", "专业技术人才总量", "万人", "23", "28", "28.1", "100%", EXP, T),
    (8, "三、人才队伍建设", "高、中、初级专业技术人才比例", "::", "8:38:54", "11:41:48", "11:41:48", "/", EXP, T),
    (9, "三、人才队伍建设", "高技能人才占技能人才比例", "%", "12.5", "/", "26.88", "/", NONE, S),
    (10, "三、人才队伍建设", "技能人才", "万人", "35.6", "46", "54.45", "118.4%", EXP, S),
    (11, "三、人才队伍建设", "其中：高技能人才", "万人", "4.45", "6.2", "14.64", "236.1%", EXP, S),
    (12, "四、劳动关系", "企业劳动合同签订率", "%", "93.3", "97", "98.8", "101.9%", EXP, R),
    (13, "四、劳动关系", "劳动人事争议调解成功率", "%", "/", ">60", "77.2", "128.7%", EXP, A),
    (14, "四、劳动关系", "劳动人事争议仲裁结案率", "%", "100", "96", "99.5", "103.6%", EXP, A),
    (15, "四、劳动关系", "劳动保障监察举报投诉案件结案率", "%", "/", ">95", "100", "105.3%", BIND, N),
    (16, "五、公共服务", "城乡社会保障卡持卡人数", "万人", "555", "590", "590", "100%", EXP, C),
    (17, "五、公共服务", "社会保障卡持卡人口覆盖率", "%", "65.1", "92", "95.47", "100%", EXP, C),
]
ZHUANLAN1_FIGURES = {12: ("contracts.signing_rate", "1")}

# 专栏2 "十四五"时期主要指标: (no, group, name, unit, 2020, 2025, attribute, owner)
ZHUANLAN2 = [
    (1, "一、就业", "城镇新增就业人数", "万人", "[31.72]", "[21]", EXP, E),
    (2, "二、社会保险", "基本养老保险参保率", "%", "90", "95", EXP, INS),
    (3, "二、社会保险", "失业保险参保人数", "万人", "33.80", "34.5", BIND, INS),
    (4, "二、社会保险", "工伤保险参保人数", "万人", "36.94", "38", BIND, INS),
    (5, "二、社会保险", "城乡居民基本养老保险基金委托投资资金总额", "亿元", "[3.43]", "[2.4]", EXP, F),
    (6, "二、社会保险", "补充养老保险基金规模", "亿元", "50.4", ">83", EXP, F),
    (7, "三、人才队伍建设", "新增取得专业技术人员职业资格证书人数", "万人", "[3.1]", "[3.2]", EXP, T),
    (8, "三、人才队伍建设", "新增取得职业资格证书或职业技能等级证书人数", "万人次", "[16.38]", "[6]", EXP, S),
    (
        9,
        "三、人才队伍建设",
        "其中：新增取得高级工以上职业资格证书或职业技能等级证书人数",
        "万人次",
        "[0.37]",
        "[1.2]",
        EXP,
        S,
    ),
    (10, "三、人才队伍建设", "技工院校年招生人数", "万人", "1.25", "1.2", EXP, S),
    (11, "三、人才队伍建设", "开展补贴性职业技能培训人次", "万人次", "[19.3]", "[20]", EXP, S),
    (12, "三、人才队伍建设", "“粤菜师傅”培训人次", "人次", "[62000]", "[25000]", EXP, S),
    (13, "三、人才队伍建设", "“南粤家政”培训人次", "人次", "[38671]", "[36000]", EXP, S),
    (14, "四、劳动关系", "劳动人事争议调解成功率", "%", "77.2", ">75", EXP, A),
    (15, "四、劳动关系", "劳动人事争议仲裁结案率", "%", "99.5", ">95", EXP, A),
    (16, "四、劳动关系", "劳动保障监察举报投诉案件结案率", "%", "100", ">96", EXP, N),
    (17, "五、公共服务", "社会保障卡持卡人数", "万人", "590", "500", EXP, C),
    (18, "五、公共服务", "其中：申领电子社保卡人口覆盖率", "%", "16.1", "36", EXP, C),
]
ZHUANLAN2_FIGURES = {
    1: ("employment.new_urban_jobs", "0.0001"),  # 人 → 万人, summed over the plan years
    14: ("mediation.success_rate", "1"),
    15: ("labour.arbitration_closure_rate", "1"),
    16: ("inspection.complaint_closure_rate", "1"),
}
# The 第二章 第三节 sentence that states the same 2025 target, by 专栏2 number.
ZHUANLAN2_WORDING = {
    1: "“十四五”期间实现城镇新增就业累计 21 万人以上",
    2: "全市基本养老保险参保率达到 95%",
    3: "失业保险、工伤保险参保人数分别达到 34.5 万人、38 万人",
    4: "失业保险、工伤保险参保人数分别达到 34.5 万人、38 万人",
    6: "年金基金规模超过 83 亿元",
    8: "新增取得职业资格证书或职业技能等级证书 6 万人",
    9: "其中新增取得高级工以上职业资格证书或职业技能等级证书 1.2 万人",
    12: "全市开展“粤菜师傅”培训 2.5 万人次",
    13: "全市开展家政职业技能培训 3.6 万人次以上",
    14: "劳动人事争议调解成功率达到 75%以上",
    15: "劳动人事争议仲裁结案率达到 95%以上",
    16: "劳动保障监察举报投诉案件结案率达到 96%以上",
    17: "全市社会保障卡持卡人数达 500 万人",
    18: "申领电子社保卡人口覆盖率达到 36%",
}

# The chapter each 专栏 sits in (the register's filter names both).
CHAPTER_OF_BOX = {
    "专栏1": "第一章",
    "专栏2": "第二章",
    "专栏4": "第三章",
    "专栏7": "第五章",
    "专栏8": "第六章",
    "第七章 专栏9": "第七章",
    "专栏13": "第十章",
}


def chapter_label(ref: str) -> str:
    """``专栏4（第三章）`` for a box, the reference itself for a chapter's text."""
    chapter = CHAPTER_OF_BOX.get(ref)
    return f"{ref}（{chapter}）" if chapter and chapter not in ref else ref


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_cell(text: str) -> dict:
    """A cell as printed → ``{"number", "cumulative", "bound"}``; ``bound`` is floor, ceiling or "".

    ``[21]`` cumulative; ``>83`` and ``75以上`` floors; ``3.5 以内`` a ceiling; ``90 (原口径: 98)`` 90;
    ``2-3`` (a range) its lower end as a floor; ``/`` and ratios ``8:38:54`` no number."""
    raw = (text or "").strip()
    cumulative = "[" in raw
    stripped = re.sub(r"\(.*?\)", "", raw).replace("[", "").replace("]", "").strip()
    if not stripped or stripped == "/" or ":" in stripped:
        return {"number": None, "cumulative": cumulative, "bound": ""}
    bound = ""
    if stripped.startswith(">") or stripped.endswith("以上"):
        bound = "floor"
    elif stripped.endswith("以内"):
        bound = "ceiling"
    elif re.fullmatch(r"\d+(?:\.\d+)?-\d+(?:\.\d+)?", stripped):
        bound = "floor"
    match = _NUMBER.search(stripped.lstrip(">"))
    return {"number": Decimal(match.group()) if match else None, "cumulative": cumulative, "bound": bound}


def register_rows() -> list[dict]:
    """Every row of the register, in the order of the plan (专栏1, 专栏2, then the text targets)."""
    rows: list[dict] = []
    order = 0
    for no, group, name, unit, base, target, result, completion, attribute, owner in ZHUANLAN1:
        order += 1
        key, scale = ZHUANLAN1_FIGURES.get(no, ("", "1"))
        rows.append(
            dict(
                code=f"Z1-{no:02d}",
                ref="专栏1",
                plan="十三五",
                order=order,
                number=no,
                group=group,
                name=name,
                unit=unit,
                base=base,
                target=target,
                result=result,
                completion=completion,
                attribute=attribute,
                owner=owner,
                figure=key,
                scale=scale,
                monitored=bool(key),
                target_year=2020,
                base_year=2015,
                wording="",
                restates="",
                restates_scale="1",
                annual=False,
                note="",
            )
        )
    for no, group, name, unit, base, target, attribute, owner in ZHUANLAN2:
        order += 1
        key, scale = ZHUANLAN2_FIGURES.get(no, ("", "1"))
        rows.append(
            dict(
                code=f"Z2-{no:02d}",
                ref="专栏2",
                plan="十四五",
                order=order,
                number=no,
                group=group,
                name=name,
                unit=unit,
                base=base,
                target=target,
                result="",
                completion="",
                attribute=attribute,
                owner=owner,
                figure=key,
                scale=scale,
                monitored=True,
                target_year=PLAN_END_YEAR,
                base_year=2020,
                wording=ZHUANLAN2_WORDING.get(no, ""),
                restates="",
                restates_scale="1",
                annual=False,
                note="",
            )
        )
    from renshe.planning.data.text_targets import TEXT_TARGETS

    for item in TEXT_TARGETS:
        order += 1
        rows.append(
            dict(
                code=item["code"],
                ref=item["ref"],
                plan="十四五",
                order=order,
                number=int(item["code"].split("-")[1]),
                group=item["group"],
                name=item["name"],
                unit=item["unit"],
                base=item.get("base", "/"),
                target=item["target"],
                result="",
                completion="",
                attribute=item.get("attribute", NONE),
                owner=item["owner"],
                figure="",
                scale="1",
                monitored=True,
                target_year=item.get("target_year", PLAN_END_YEAR),
                base_year=2020,
                wording=item["wording"],
                restates=item.get("restates", ""),
                restates_scale=item.get("restates_scale", "1"),
                annual=item.get("annual", False),
                note=item.get("note", ""),
            )
        )
    return rows
