# ruff: noqa: E501 — the plan's text is quoted whole, one cell a line
"""The plan's 附件 重大项目表 (the nine major projects), quoted exactly.

Source: 茂名市人力资源和社会保障事业发展“十四五”规划, 附件 (/work/shared/seed/000_5863a0a787e3b3d1.txt);
the tests read that table and compare it with this file figure for figure. Amounts are in 万元 as the
plan prints them. The table has no 合计 row: ``TOTALS`` is the sum of the rows (checked by the tests).

``county`` is not a column of the plan: it is read from the project's name (茂名技师学院 is the city's
own school, so 市本级 ``440900``). ``owner`` is the body the plan's text names, or empty.
"""

from __future__ import annotations

from decimal import Decimal

PROJECTS: list[dict] = [
    {
        "code": "ZD-01",
        "order": 1,
        "name": "茂名技师学院申报高等职业院校提质强基补短板项目",
        "county": "440900",
        "owner": "茂名技师学院",
        "content": "把茂名技师学院建设成高水平技师学院，达到高等职业院校的设置标准，推动我市技工教育高质量发展。建设内容包括在现校区周边增加建设用地 200 亩、新建学生宿舍 24200 平方米、新建教学楼 13386 平方米、新建图书馆 16000 平方米和拆除现校区危旧楼新建实训楼 29340 平方米 ,以及添置教学设备 3000 台/套和购买图书 10 万册 ,全面提升人才培养质量。",
        "period": "2021-2025",
        "start_year": 2021,
        "end_year": 2025,
        "total_investment": Decimal("56500"),
        "plan_investment": Decimal("56500"),
    },
    {
        "code": "ZD-02",
        "order": 2,
        "name": "茂名市茂南区公共服务云平台",
        "county": "440902",
        "owner": "",
        "content": "本项目是一套线上线下人才招聘联动的公共服务云系统。系统由公共服务云平台、大屏系统和小程序组成 ;平台栏目包括智慧党建、就业服务、劳动保障、人才人事、职业培训等板块 ;使用终端包括 PC 端、移动端和大屏系统。本系统是展现部门形象、实现互动的服务窗口 , 又是展示为人民服务的公共平台。",
        "period": "2020-2023",
        "start_year": 2020,
        "end_year": 2023,
        "total_investment": Decimal("300"),
        "plan_investment": Decimal("300"),
    },
    {
        "code": "ZD-03",
        "order": 3,
        "name": "茂名市电白区建筑高级技工学校项目",
        "county": "440904",
        "owner": "",
        "content": "项目规划用地面积 306668.2 平方米 (约 460 亩), 总建筑面积 190600 平方米。建设综合大楼、教学①号楼、教学②号楼、图书馆、体育馆等教学和科研用房、教师公寓、学生宿舍、食堂、附属用房及水泵房、保安室及大门、配电房及垃圾中转站等生活后勤用房, 人防地下室 12000 平方米。本项目建成后, 在校生规模将达 10000 人。",
        "period": "2022-2026",
        "start_year": 2022,
        "end_year": 2026,
        "total_investment": Decimal("91000"),
        "plan_investment": Decimal("68200"),
    },
    {
        "code": "ZD-04",
        "order": 4,
        "name": "信宜市“粤菜师傅”工程培训基地升级改造项目暨信宜市“三项工程”提质扩容发展指导中心",
        "county": "440983",
        "owner": "",
        "content": "在信宜市人力资源产业园内建设大楼一栋, 占地约 850 平方米, 总建筑面积约 5500 平方米。建设内容包括征地 4 亩，开挖土方、完善护坡。新建大楼作为信宜市“粤菜师傅”工程培训基地暨“三项工程”提质扩容发展指导中心，涵括“粤菜师傅”“广东技工”“南粤家政”三项工程在内的培训功能室，包括大师工作室、理论教室、技能实操室等配套功能室。",
        "period": "2021-2023",
        "start_year": 2021,
        "end_year": 2023,
        "total_investment": Decimal("2500"),
        "plan_investment": Decimal("2500"),
    },
    {
        "code": "ZD-05",
        "order": 5,
        "name": "信宜市人力资源产业发展大厦",
        "county": "440983",
        "owner": "",
        "content": "在信宜市人力资源产业园内建设，总建筑面积约 15000 平方米。建设内容包括搬迁旧钢铁厂集资楼住户、拆旧集资楼和原培训基地危楼，在原址扩大建设大楼2栋，新建人力资源产业大厦1栋约10000平方米，新建人力资源产业发展服务楼1栋约5000平方米，吸引人力资源培训、劳务外包、劳务派遣、人才测评、人才引进、人才港、人才服务等上下游企业进驻，形成人力资源产业集聚区，着力构建“人力资源小镇”。",
        "period": "2022-2025",
        "start_year": 2022,
        "end_year": 2025,
        "total_investment": Decimal("5000"),
        "plan_investment": Decimal("5000"),
    },
    {
        "code": "ZD-06",
        "order": 6,
        "name": "茂名市(信宜)乡村振兴技工学校(挂信宜综合技能培训基地牌子)",
        "county": "440983",
        "owner": "信宜市人民政府",
        "content": "由信宜市人民政府办学，土地由政府划拨，着眼于培养乡村振兴人才。该校是直属信宜市人力资源和社会保障局管理的公立技工学校,项目预计占地面积300亩,建筑面积4万平方米,共能容纳学生7500多人,每年培养技工毕业生2500多人。",
        "period": "2023-2025",
        "start_year": 2023,
        "end_year": 2025,
        "total_investment": Decimal("30000"),
        "plan_investment": Decimal("30000"),
    },
    {
        "code": "ZD-07",
        "order": 7,
        "name": "高州市就业创业发展基地建设项目",
        "county": "440981",
        "owner": "",
        "content": "该项目规划用地2907.10平方米,总建筑面积15072.10平方米,其中地下建筑面积为2907.10平方米,地上建筑面积为12165平方米。主要建设:高凉风味菜培训示范基地、南粤家政基地、农村电商就业创业实训基地、人力资源公共服务基地及地下室，并配套相应的设备设施。项目总投资估算 8570 万元，其中一期投资 5800 万元，二期投资 2770 万元。",
        "period": "2022-2025",
        "start_year": 2022,
        "end_year": 2025,
        "total_investment": Decimal("8570"),
        "plan_investment": Decimal("8570"),
    },
    {
        "code": "ZD-08",
        "order": 8,
        "name": "化州市职业技能培训基地项目",
        "county": "440982",
        "owner": "",
        "content": "建设内容包括一栋 9 层的综合楼，一栋 6 层的学员宿舍楼，一栋 3 层的家政服务大楼，建设占地 6210 平方米，建筑占地面积 3480 平方米，总建筑面积 18180 平方米，其中南粤家政综合服务大楼 11880 平方米（9 层），饭堂、教职工及学员宿舍 3600 平方米（6 层），家政服务大楼 2700 平方米（3 层），以及其他配套实训基地、活动场所。",
        "period": "2021-2025",
        "start_year": 2021,
        "end_year": 2025,
        "total_investment": Decimal("9000"),
        "plan_investment": Decimal("9000"),
    },
    {
        "code": "ZD-09",
        "order": 9,
        "name": "化州市高级技工学校新建项目",
        "county": "440982",
        "owner": "",
        "content": "项目选址在化州市官桥镇红峰农场一队二队，建筑面积 200000 平方米，建设教学楼、学生宿舍、图书馆、实训大楼等，以及其他配套设施。",
        "period": "2021-2025",
        "start_year": 2021,
        "end_year": 2025,
        "total_investment": Decimal("61800"),
        "plan_investment": Decimal("61800"),
    },
]

TOTALS = {"total_investment": Decimal("264670"), "plan_investment": Decimal("241870")}  # 万元
