"""The demo city: a deterministic, realistic Maoming for ``make run``, the tests and ``make bench``.

``seed_demo(scale=..., seed=...)`` writes people (valid identity numbers whose region code,
birth date and sex agree with the stored fields), employers (valid credit codes) and employment
relations through ``renshe.registry.bulk`` (``COPY`` on PostgreSQL), streamed in chunks so the
city scale (6.2 million people) never sits in memory, then the demo accounts.

Everything random comes from one ``random.Random(seed)`` drawn in a fixed order, so the same
seed gives the same rows on any machine; only ``created_at`` depends on the clock.

Shapes (assumptions, rounded; good enough for a demo and for load, not for statistics):

* Population by county — Maoming's 7th census (2020) counted about 6.17 million residents; the
  county split used here, 茂南 0.9M, 电白 1.6M, 高州 1.4M, 化州 1.3M, 信宜 1.0M (total 6.2M), is
  the rounded split of that census as given in the task brief, not re-checked against the
  bulletin.
* Age — five-year bands shaped like a young prefecture-level city of Guangdong: about 22%
  aged 0–14, 61% aged 15–59, 17% aged 60+.
* Sex — about 107 men to 100 women overall, more men among the young, more women among the
  old (Guangdong's high sex ratio at birth).
* Identity numbers — the region code is where the household was registered when the number
  was issued: older 电白 numbers carry 440903 (茂港区) or 440923 (电白县), some older 高州/化州/
  信宜 numbers the county codes from before those became cities (440922/440924/440921);
  about 5% of residents are non-local workers with numbers from neighbouring counties of
  Guangdong, Guangxi and Hunan.
"""

from __future__ import annotations

import itertools
import random
import time
from array import array
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from renshe.core.identity import _ID_CHECK, _ID_WEIGHTS, build_uscc
from renshe.core.text import name_initials
from renshe.registry import bulk
from renshe.registry.models import Employer, Employment, Person

# Birth dates and employment dates are computed against this fixed day, not today, so that a
# seed gives the same data whenever it is run (and no birth date is ever in the future).
AS_OF = date(2025, 12, 31)
DEFAULT_SEED = 2026
PROGRESS_EVERY = 500_000
DEFER_INDEXES_FROM = 100_000
MARKER_PREFIX = "seed_demo:"


@dataclass(frozen=True)
class Scale:
    name: str
    people: int
    employers: int


SCALES = {
    "small": Scale("small", 3_000, 300),
    "city": Scale("city", 6_200_000, 300_000),
}

# --- shapes ---------------------------------------------------------------------------------

# Residents per county (see the module docstring for the source).
COUNTY_POPULATION = {
    "440902": 900_000,  # 茂南区
    "440904": 1_600_000,  # 电白区
    "440981": 1_400_000,  # 高州市
    "440982": 1_300_000,  # 化州市
    "440983": 1_000_000,  # 信宜市
}
# Employers cluster in the urban district.
COUNTY_EMPLOYER_FACTOR = {"440902": 1.8, "440904": 0.9, "440981": 0.9, "440982": 0.85, "440983": 0.8}

# Percent of the population by five-year age band, 0–4 … 85–89.
AGE_BANDS = (6.8, 7.6, 7.2, 6.0, 5.2, 5.6, 7.4, 7.0, 6.4, 7.6, 8.0, 6.4, 4.6, 4.2, 3.4, 2.4, 1.5, 0.9)
MAX_AGE = 89

# Older numbers of people registered in a county that has since been renamed or merged.
# (code, born before, share of those born before that year who carry it)
HISTORIC_ID_CODES = {
    "440904": (("440923", 2014, 0.55), ("440903", 2014, 0.20)),  # 电白县 / 茂港区 → 电白区 (2014)
    "440981": (("440922", 1994, 0.30),),  # 高州县 → 高州市 (1993)
    "440982": (("440924", 1995, 0.30),),  # 化州县 → 化州市 (1994)
    "440983": (("440921", 1996, 0.30),),  # 信宜县 → 信宜市 (1995)
}
NON_LOCAL_SHARE = 0.05
# Real GB/T 2260 county codes of where Maoming's non-local workers mostly come from.
NON_LOCAL_COUNTIES = (
    ("445381", "广东省罗定市", 10),
    ("440882", "广东省雷州市", 10),
    ("440881", "广东省廉江市", 9),
    ("440883", "广东省吴川市", 9),
    ("441781", "广东省阳春市", 7),
    ("441721", "广东省阳西县", 4),
    ("440825", "广东省徐闻县", 3),
    ("450981", "广西壮族自治区北流市", 8),
    ("450921", "广西壮族自治区容县", 5),
    ("450922", "广西壮族自治区陆川县", 5),
    ("450923", "广西壮族自治区博白县", 7),
    ("450881", "广西壮族自治区桂平市", 5),
    ("431081", "湖南省资兴市", 2),
    ("430524", "湖南省隆回县", 3),
    ("431022", "湖南省宜章县", 2),
    ("430621", "湖南省岳阳县", 2),
    ("431028", "湖南省安仁县", 1),
)

# 粤西 surnames: 陈, 李, 黄 and 梁 are far more common in Maoming than nationally.
SURNAMES = (
    ("陈", 9.0), ("李", 8.0), ("黄", 6.5), ("梁", 6.0), ("林", 4.5), ("张", 4.0), ("何", 3.2), ("吴", 3.0),
    ("杨", 3.0), ("罗", 2.6), ("莫", 2.2), ("邓", 2.0), ("冯", 2.0), ("刘", 2.0), ("王", 2.0), ("谭", 1.6),
    ("朱", 1.5), ("周", 1.5), ("钟", 1.5), ("许", 1.2), ("庞", 1.2), ("柯", 1.0), ("潘", 1.0), ("叶", 1.0),
    ("曾", 1.0), ("卢", 1.0), ("谢", 1.0), ("黎", 1.0), ("麦", 0.8), ("崔", 0.8), ("苏", 0.8), ("唐", 0.8),
    ("蔡", 0.8), ("郑", 0.8), ("余", 0.8), ("廖", 0.7), ("赖", 0.6), ("詹", 0.6), ("邹", 0.6), ("郭", 0.6),
    ("彭", 0.6), ("揭", 0.5), ("骆", 0.5), ("车", 0.5), ("龙", 0.5), ("杜", 0.5), ("袁", 0.5), ("邵", 0.5),
    ("冼", 0.5), ("肖", 0.5), ("韦", 0.4), ("戴", 0.4), ("关", 0.4), ("沈", 0.3), ("韩", 0.3), ("范", 0.3),
    ("覃", 0.3), ("欧阳", 0.2), ("司徒", 0.1),
)  # fmt: skip

# Given-name characters by sex and generation (born before 1970, 1970–1999, 2000 on).
GIVEN = {
    ("M", 0): "国建明华志文德永兴昌东振光荣金福生财发全桂添强军伟平忠庆林海成贵树汉",
    ("M", 1): "伟强军明华志文辉斌杰勇峰俊海涛波鹏超锋健亮彬森耀权瑞祥宏学茂锦荣家振东",
    ("M", 2): "宇浩轩子晨嘉俊锦泽睿航天博铭思宏哲皓煜鑫逸然梓涛瀚霖奕家豪杰景诚宸熙",
    ("F", 0): "秀英桂兰凤珍玉春梅娟芳琼美艳素惠彩翠金银月娥花妹群莲丽清菊连香",
    ("F", 1): "丽芳娟敏静燕霞红玲梅莉秀英萍婷雪慧颖佳洁宁琴艳晓小春珊薇丹慧娜",
    ("F", 2): "欣怡思雨诗琳婉晴妍梓涵悦可馨子月佳颖雅彤芷萱若依语诺梦瑶嘉紫淑",
}

# (code, weight) of the highest education attained, by birth cohort, for adults.
EDUCATION_BY_COHORT = (
    (1975, (("21", 3), ("31", 5), ("41", 5), ("61", 15), ("71", 35), ("81", 32), ("90", 5))),
    (1995, (("14", 0.6), ("21", 8), ("31", 12), ("41", 10), ("61", 18), ("71", 40), ("81", 11), ("90", 0.4))),
    (9999, (("11", 0.1), ("14", 1.2), ("21", 18), ("31", 22), ("41", 15), ("61", 15), ("71", 25), ("81", 3.7))),
)
# Second and third digits of mobile numbers by rough market share.
PHONE_PREFIXES = (
    ("13", 30), ("15", 22), ("18", 22), ("17", 6), ("19", 12), ("14", 3), ("16", 2),
)  # fmt: skip
ROADS = (
    "人民路", "建设路", "油城路", "新华路", "光华路", "站前路", "文明路", "红旗路", "环市路", "迎宾路",
    "中山路", "解放路", "桥北路", "桥南路", "东风路", "民主路", "工业大道", "城南路", "河西路", "官渡路",
    "新村", "东村", "西村", "南村", "北村", "岭头村", "塘尾村", "山口村", "坡心村", "大院村",
)  # fmt: skip

# Employers.
INDUSTRY_WEIGHTS = (
    ("F", 30), ("C", 14), ("H", 10), ("E", 8), ("A", 8), ("O", 7), ("L", 5), ("G", 4), ("K", 2.5),
    ("M", 2), ("I", 2), ("R", 1.5), ("N", 1), ("D", 0.6), ("J", 0.6), ("B", 0.4), ("P", 1.6), ("Q", 1.4),
)  # fmt: skip
INDUSTRY_WORDS = {
    "A": ("农业", "荔枝种植", "龙眼种植", "水产养殖", "生态农业", "种养", "化橘红种植", "沉香"),
    "B": ("矿业", "石材", "油页岩开发"),
    "C": ("五金制品", "食品", "服装", "石化设备", "家具", "电子", "建材", "塑料制品", "罐头", "化工", "机械"),
    "D": ("电力", "燃气", "供水"),
    "E": ("建筑工程", "建设工程", "装饰工程", "市政工程", "园林工程"),
    "F": ("商贸", "贸易", "百货", "超市", "医药连锁", "五金交电", "农资", "建材经营部"),
    "G": ("物流", "运输", "快递", "汽车运输"),
    "H": ("餐饮", "酒店", "饮食", "食府", "农家乐"),
    "I": ("网络科技", "信息技术", "软件"),
    "J": ("小额贷款", "融资担保"),
    "K": ("房地产开发", "物业管理", "置业"),
    "L": ("商务服务", "人力资源", "广告", "劳务派遣"),
    "M": ("检测", "工程设计", "技术服务"),
    "N": ("环境卫生", "园林绿化", "水利工程管理"),
    "O": ("家政服务", "汽车维修", "美容美发", "洗涤"),
    "P": ("培训学校", "幼儿园", "职业技能培训"),
    "Q": ("医院", "诊所", "养老服务"),
    "R": ("文化传播", "体育", "影视"),
}
TRADE_NAMES = "鑫达华盛兴隆恒泰源宏顺利和发金瑞祥荣嘉润新永广福海通联信诚佳丰康明辉裕昌东南粤茂旺"
SIZES = (("micro", 72), ("small", 21), ("medium", 5.5), ("large", 1.5))
SIZE_WEIGHT = {"micro": 1.0, "small": 6.0, "medium": 40.0, "large": 200.0}
OWNERSHIPS = (
    ("private", 70), ("individual", 15), ("state", 3), ("collective", 2), ("foreign", 1), ("hmt", 1.5),
    ("public", 4), ("social", 2), ("other", 1.5),
)  # fmt: skip
# (registration authority, organisation type) of GB 32100 by ownership.
USCC_KIND = {"individual": ("9", "2"), "public": ("1", "2"), "social": ("5", "2")}
EMPLOYER_SERIAL_BASE = 10_000_000
EMPLOYER_SERIAL_STEP = 977
DEMO_EMPLOYER_SERIAL = 5_000_000

CONTRACT_TYPES = (("fixed", 60), ("open", 15), ("none", 12), ("dispatch", 5), ("part_time", 5), ("task", 3))
POSITIONS = {
    "A": ("种植工", "养殖工", "农机手", "技术员"),
    "C": ("普工", "操作工", "质检员", "机修工", "电工", "焊工", "仓管员", "班组长"),
    "E": ("钢筋工", "木工", "泥水工", "电工", "施工员", "安全员", "架子工"),
    "F": ("销售员", "收银员", "理货员", "店长", "采购员"),
    "G": ("司机", "快递员", "装卸工", "调度员"),
    "H": ("厨师", "服务员", "前台接待", "帮厨", "保洁员"),
    "P": ("教师", "保育员", "培训讲师"),
    "Q": ("护士", "医生", "护理员", "药剂师"),
}
GENERIC_POSITIONS = ("文员", "会计", "出纳", "业务员", "保安", "保洁员", "技术员", "经理", "司机")

# Identity-number sequence slots (0–499 per sex, per region code and birth date): the demo city
# uses the first 400 drawn for a (region, date, sex); numbers 400–498 are kept for
# ``extra_people`` (imports in the bench) and 499 for the fixed demo persons, so none collide.
SEED_SLOTS = 400
EXTRA_SLOTS = range(400, 499)
FIXED_SLOT = 499


# --- helpers ---------------------------------------------------------------------------------


def _cum(weights: Sequence[float]) -> list[float]:
    total = float(sum(weights))
    acc, out = 0.0, []
    for w in weights:
        acc += w
        out.append(acc / total)
    out[-1] = 1.0 + 1e-9  # bisect never falls off the end
    return out


@dataclass
class Town:
    code: str
    name: str
    county: str
    kind: str


@dataclass
class Counts:
    persons: int = 0
    employers: int = 0
    employments: int = 0
    person_tags: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "persons": self.persons,
            "employers": self.employers,
            "employments": self.employments,
            "person_tags": self.person_tags,
        }


class IdAllocator:
    """Unique resident identity numbers: one counter per (region code, birth date, sex).

    GB 11643 leaves 1000 sequence numbers a region-day, odd for men and even for women, so a
    6-million city needs the counting to stay unique. The n-th person of a (region, date, sex)
    gets slot ``(n * 197 + offset) % 500`` — a permutation of 0..499 (197 is prime to 500) whose
    offset varies with region and date, so sequences look scattered rather than 001, 003, ….
    Counters ``start``…``limit`` select which n an allocator hands out (see ``SEED_SLOTS``).
    """

    def __init__(self, regions: Sequence[str], first: date, last: date, *, start: int = 0, limit: int = SEED_SLOTS):
        self.regions = {code: i for i, code in enumerate(regions)}
        self.first_ord = first.toordinal()
        self.days = last.toordinal() - self.first_ord + 1
        self.start, self.limit = start, limit
        self.counters = array("H", bytes(2 * len(regions) * self.days * 2))
        self._region_sum = {
            code: sum(int(c) * w for c, w in zip(code, _ID_WEIGHTS[:6], strict=True)) for code in regions
        }
        # The permutation's offset depends only on the region code and the date, so every allocator
        # (the city's, extra_people's, the fixed persons') maps the n-th person of a day to the same slot.
        self._region_offset = {code: int(code) * 31 % 500 for code in regions}
        self._dates: dict[int, tuple[str, int, date, str]] = {}
        self._seq = [
            (f"{s:03d}", sum(int(c) * w for c, w in zip(f"{s:03d}", _ID_WEIGHTS[14:], strict=True)))
            for s in range(1000)
        ]

    def _date(self, ordinal: int) -> tuple[str, int, date, str]:
        found = self._dates.get(ordinal)
        if found is None:
            d = date.fromordinal(ordinal)
            text = f"{d:%Y%m%d}"
            found = (text, sum(int(c) * w for c, w in zip(text, _ID_WEIGHTS[6:14], strict=True)), d, d.isoformat())
            self._dates[ordinal] = found
        return found

    def allocate(self, region: str, birth_ordinal: int, male: bool) -> tuple[str, date, str]:
        """An unused number for someone of ``region`` born on ``birth_ordinal`` (moved a day later,
        or earlier at the end of the range, when that day's slots are used up), with the birth
        date it encodes, as a date and as ISO text."""
        r = self.regions[region]
        for step in range(2 * self.days):
            # birth_ordinal, then a day later, a day earlier, two days later, … within the range
            ordinal = birth_ordinal + ((step + 1) // 2 if step % 2 else -(step // 2))
            day = ordinal - self.first_ord
            if not 0 <= day < self.days:
                continue
            key = ((r * self.days + day) << 1) | male
            n = self.counters[key]
            if n < self.limit - self.start:
                self.counters[key] = n + 1
                slot = ((n + self.start) * 197 + self._region_offset[region] + ordinal * 7) % 500
                seq_text, seq_sum = self._seq[slot * 2 + male]
                date_text, date_sum, born, iso = self._date(ordinal)
                check = _ID_CHECK[(self._region_sum[region] + date_sum + seq_sum) % 11]
                return f"{region}{date_text}{seq_text}{check}", born, iso
        raise RuntimeError(f"no identity numbers left for region {region}")


def fixed_resident_id(region: str, born: date, male: bool) -> str:
    """The number of a fixed demo person (slot 499, never drawn by the generator)."""
    alloc = IdAllocator([region], born, born, start=FIXED_SLOT, limit=FIXED_SLOT + 1)
    return alloc.allocate(region, born.toordinal(), male)[0]


# --- the generator ---------------------------------------------------------------------------


@dataclass
class CityGenerator:
    """Rows for the demo city, as tuples in the column order of ``renshe.registry.bulk``.

    ``employers()`` must be consumed before ``people()``; ``people()`` collects each person's
    employment relations and tags, which the loader takes with ``take_employments()`` and
    ``take_tags()`` after each chunk of people.
    """

    towns: list[Town]
    county_names: dict[str, str]
    seed: int = DEFAULT_SEED
    people_count: int = 3_000
    employers_count: int = 300
    person_base: int = 0
    employer_base: int = 0
    employment_base: int = 0
    as_of: date = AS_OF
    now: datetime | None = None
    # Which identity-number slots to draw from: the demo city's, or EXTRA_SLOTS for extra people.
    id_slots: tuple[int, int] = (0, SEED_SLOTS)
    _employments: list[tuple] = field(default_factory=list, repr=False)
    _tags: list[tuple] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.now = self.now or timezone.now()
        # Dates and times go into rows as ISO text: COPY parses text anyway, and psycopg's date
        # and datetime dumpers would cost more than generating the whole row.
        self.now_text = self.now.isoformat()
        self._iso: dict[int, str] = {}
        self.counties = sorted({t.county for t in self.towns})
        self.towns_by_county: dict[str, list[Town]] = {c: [] for c in self.counties}
        for town in sorted(self.towns, key=lambda t: t.code):
            self.towns_by_county[town.county].append(town)
        # Town weights: streets (urban) hold more people; a fixed per-town spread from the seed.
        self.town_cum: dict[str, list[float]] = {}
        for county, towns in self.towns_by_county.items():
            weights = [
                {"街道": 1.6, "镇": 1.0, "乡": 0.6}.get(t.kind, 0.3) * self.rng.lognormvariate(0, 0.35) for t in towns
            ]
            self.town_cum[county] = _cum(weights)
        pops = [COUNTY_POPULATION.get(c, 1_000_000) for c in self.counties]
        self.county_cum = _cum(pops)
        self.employer_county_cum = _cum(
            [p * COUNTY_EMPLOYER_FACTOR.get(c, 1.0) for c, p in zip(self.counties, pops, strict=True)]
        )
        ages = [AGE_BANDS[a // 5] for a in range(MAX_AGE + 1)]
        self.age_cum = _cum(ages)
        self.surnames = [s for s, _w in SURNAMES]
        self.surname_cum = _cum([w for _s, w in SURNAMES])
        self.phone_prefixes = [p for p, _w in PHONE_PREFIXES]
        self.phone_cum = _cum([w for _p, w in PHONE_PREFIXES])
        self.edu = [
            ([c for c, _w in table], _cum([w for _c, w in table]), until) for until, table in EDUCATION_BY_COHORT
        ]
        self.non_local = [c for c, _n, _w in NON_LOCAL_COUNTIES]
        self.non_local_names = {c: n for c, n, _w in NON_LOCAL_COUNTIES}
        self.non_local_cum = _cum([w for _c, _n, w in NON_LOCAL_COUNTIES])
        self.contracts = [c for c, _w in CONTRACT_TYPES]
        self.contract_cum = _cum([w for _c, w in CONTRACT_TYPES])
        id_regions = [*self.counties]
        for county in self.counties:
            id_regions += [code for code, _before, _share in HISTORIC_ID_CODES.get(county, ())]
        id_regions += self.non_local
        self.first_birth = date(self.as_of.year - MAX_AGE - 1, 1, 1)
        self.ids = IdAllocator(id_regions, self.first_birth, self.as_of, start=self.id_slots[0], limit=self.id_slots[1])
        # Filled by employers(): per county, employer ids and cumulative size weights.
        self._emp_by_county: dict[str, tuple[list[int], list[float], list[str]]] = {}
        self._emp_all: tuple[list[int], list[float], list[str]] = ([], [], [])

    # --- small draws ---

    def _pick(self, items: Sequence, cum: list[float]):
        return items[bisect(cum, self.rng.random())]

    def _name(self, male: bool, born_year: int) -> str:
        rng = self.rng
        surname = self.surnames[bisect(self.surname_cum, rng.random())]
        era = 0 if born_year < 1970 else (1 if born_year < 2000 else 2)
        chars = GIVEN[("M" if male else "F", era)]
        first = chars[int(rng.random() * len(chars))]
        if rng.random() < 0.18:
            return surname + first
        second = chars[int(rng.random() * len(chars))]
        if second == first and rng.random() < 0.8:  # 婷婷 happens, 强强 rarely
            second = chars[(chars.index(first) + 1) % len(chars)]
        return surname + first + second

    def _phone(self) -> str:
        prefix = self.phone_prefixes[bisect(self.phone_cum, self.rng.random())]
        return f"{prefix}{int(self.rng.random() * 1_000_000_000):09d}"

    def _address(self, town: Town) -> str:
        rng = self.rng
        return f"{town.name}{ROADS[int(rng.random() * len(ROADS))]}{1 + int(rng.random() * 300)}号"

    # --- employers ---

    def employers(self) -> Iterator[tuple]:
        rng = self.rng
        r = rng.random
        industries = [c for c, _w in INDUSTRY_WEIGHTS]
        industry_cum = _cum([w for _c, w in INDUSTRY_WEIGHTS])
        sizes = [s for s, _w in SIZES]
        size_cum = _cum([w for _s, w in SIZES])
        ownerships = [o for o, _w in OWNERSHIPS]
        ownership_cum = _cum([w for _o, w in OWNERSHIPS])
        by_county: dict[str, tuple[list[int], list[float], list[str]]] = {c: ([], [], []) for c in self.counties}
        all_ids: list[int] = []
        all_weights: list[float] = []
        all_industries: list[str] = []
        for i in range(self.employers_count):
            county = self.counties[bisect(self.employer_county_cum, r())]
            town = self.towns_by_county[county][bisect(self.town_cum[county], r())]
            ownership = ownerships[bisect(ownership_cum, r())]
            if ownership == "public":
                industry = ("P", "Q", "N", "P", "Q")[int(r() * 5)]
            elif ownership == "social":
                industry = ("P", "Q", "O", "R")[int(r() * 4)]
            else:
                industry = industries[bisect(industry_cum, r())]
            size = "micro" if ownership == "individual" else sizes[bisect(size_cum, r())]
            trade = TRADE_NAMES[int(r() * len(TRADE_NAMES))] + TRADE_NAMES[int(r() * len(TRADE_NAMES))]
            words = INDUSTRY_WORDS.get(industry, ("服务",))
            word = words[int(r() * len(words))]
            county_name = self.county_names[county]
            authority, org_type = USCC_KIND.get(ownership, ("9", "1"))
            if ownership == "individual":
                name = f"{county_name}{town.name}{trade}{word}店"
            elif ownership == "public":
                name = f"{county_name}{town.name}{word}" if industry != "P" else f"{county_name}{town.name}中心学校"
            elif ownership == "social":
                name = f"{county_name}{trade}{word}中心"
            elif ownership == "collective" and industry == "A":
                authority, org_type = "9", "3"
                name = f"{county_name}{town.name}{trade}{word}专业合作社"
            else:
                form = "股份有限公司" if size == "large" and r() < 0.5 else "有限公司"
                name = f"茂名市{trade}{word}{form}" if r() < 0.4 else f"{county_name}{trade}{word}{form}"
            pk = self.employer_base + i + 1
            code = build_uscc(
                town.code[:6], EMPLOYER_SERIAL_BASE + pk * EMPLOYER_SERIAL_STEP, authority=authority, org_type=org_type
            )
            ids, weights, inds = by_county[county]
            weight = SIZE_WEIGHT[size]
            ids.append(pk)
            weights.append((weights[-1] if weights else 0.0) + weight)
            inds.append(industry)
            all_ids.append(pk)
            all_weights.append((all_weights[-1] if all_weights else 0.0) + weight)
            all_industries.append(industry)
            yield (
                pk,
                code,
                name,
                industry,
                town.code,
                size,
                ownership,
                self._address(town),
                self._name(r() < 0.8, 1960 + int(r() * 35)),
                self._phone(),
                self.now_text,
                self.now_text,
            )
        self._emp_by_county = by_county
        self._emp_all = (all_ids, all_weights, all_industries)

    def _employer_for(self, county: str) -> tuple[int, str] | None:
        ids, weights, industries = self._emp_by_county.get(county) or ([], [], [])
        if not ids or self.rng.random() < 0.2:
            ids, weights, industries = self._emp_all
        if not ids:
            return None
        k = bisect(weights, self.rng.random() * weights[-1])
        k = min(k, len(ids) - 1)
        return ids[k], industries[k]

    # --- people ---

    def people(self) -> Iterator[tuple]:
        rng = self.rng
        r = rng.random
        as_of_ord = self.as_of.toordinal()
        first_ord = self.first_birth.toordinal()
        now = self.now_text
        iso = self._iso_date
        towns_by_county, town_cum = self.towns_by_county, self.town_cum
        counties, county_cum = self.counties, self.county_cum
        age_cum = self.age_cum
        alloc = self.ids.allocate
        employments, tags = self._employments, self._tags
        employment_id = self.employment_base
        for i in range(self.people_count):
            pk = self.person_base + i + 1
            county = counties[bisect(county_cum, r())]
            town = towns_by_county[county][bisect(town_cum[county], r())]
            non_local = r() < NON_LOCAL_SHARE
            age = 18 + int(r() * 38) if non_local else bisect(age_cum, r())
            birth_ord = as_of_ord - age * 365 - int(r() * 365) - age // 4
            birth_ord = max(first_ord, min(birth_ord, as_of_ord))
            male_share = 0.525 if age < 60 else (0.50 if age < 75 else 0.44)
            male = r() < male_share
            born_year = self.as_of.year - age
            if non_local:
                id_region = self.non_local[bisect(self.non_local_cum, r())]
                home = None
                household_region = None
                household_address = f"{self.non_local_names[id_region]}{ROADS[int(r() * len(ROADS))]}"
            else:
                roll = r()
                if roll < 0.85:
                    home = town
                elif roll < 0.95:
                    home = towns_by_county[county][bisect(town_cum[county], r())]
                else:
                    other = counties[bisect(county_cum, r())]
                    home = towns_by_county[other][bisect(town_cum[other], r())]
                id_region = home.county
                for code, before, share in HISTORIC_ID_CODES.get(home.county, ()):
                    if born_year < before and r() < share:
                        id_region = code
                        break
                household_region = home.code
                household_address = None
            id_number, born, born_text = alloc(id_region, birth_ord, male)
            name = self._name(male, born.year)
            address = self._address(town)
            if household_address is None:
                household_address = address if home is town and r() < 0.7 else self._address(home)
            phone = self._phone() if age >= 14 and r() < 0.93 else ""
            education = self._education(age, born.year)
            yield (
                pk,
                name,
                name_initials(name),
                id_number,
                born_text,
                "M" if male else "F",
                phone,
                household_region,
                household_address,
                town.code,
                address,
                education,
                now,
                now,
            )
            # Tags the plan cares about.
            if non_local:
                tags.append((pk, "migrant_worker"))
            if 21 <= age <= 24 and education in ("11", "14", "21", "31") and r() < 0.5:
                tags.append((pk, "graduate"))
            if 16 <= age < 60:
                roll = r()
                if male and age >= 22 and roll < 0.015:
                    tags.append((pk, "veteran"))
                elif roll < 0.03:
                    tags.append((pk, "disabled"))
                elif roll < 0.05 and town.kind != "街道":
                    tags.append((pk, "poverty_alleviated"))
                elif roll < 0.06:
                    tags.append((pk, "employment_difficulty"))
                elif roll < 0.16 and town.kind != "街道" and not non_local:
                    tags.append((pk, "rural_labour"))
            # Employment relations for part of the working-age population.
            if 18 <= age <= 62 and r() < (0.85 if non_local else (0.40 if age < 58 else 0.15)):
                found = self._employer_for(county)
                if found is not None:
                    employer_id, industry = found
                    earliest = max(birth_ord + 18 * 365 + 5, as_of_ord - 20 * 365)
                    start = earliest + int(r() * max(1, as_of_ord - 14 - earliest))
                    if r() < 0.25 and start - earliest > 400:
                        previous = self._employer_for(county)
                        if previous is not None:
                            p_start = earliest + int(r() * (start - earliest - 200))
                            p_end = min(start - 1, p_start + 180 + int(r() * (start - p_start - 180)))
                            employment_id += 1
                            employments.append(
                                (
                                    employment_id,
                                    pk,
                                    previous[0],
                                    iso(p_start),
                                    iso(p_end),
                                    self._pick(self.contracts, self.contract_cum),
                                    self._position(previous[1]),
                                    ("合同期满", "个人辞职", "协商解除", "单位裁员")[int(r() * 4)],
                                    now,
                                )
                            )
                    employment_id += 1
                    employments.append(
                        (
                            employment_id,
                            pk,
                            employer_id,
                            iso(start),
                            None,
                            self._pick(self.contracts, self.contract_cum),
                            self._position(industry),
                            "",
                            now,
                        )
                    )

    def _iso_date(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def _education(self, age: int, born_year: int) -> str | None:
        if age < 7:
            return None
        if age < 13:
            return "81"
        if age < 16:
            return "71"
        if age < 19:
            return "71" if self.rng.random() < 0.5 else ("61" if self.rng.random() < 0.6 else "41")
        for codes, cum, until in self.edu:
            if born_year < until:
                return codes[bisect(cum, self.rng.random())]
        return None  # pragma: no cover - the last cohort is open-ended

    def _position(self, industry: str) -> str:
        choices = POSITIONS.get(industry, GENERIC_POSITIONS)
        if self.rng.random() < 0.2:
            choices = GENERIC_POSITIONS
        return choices[int(self.rng.random() * len(choices))]

    def take_employments(self) -> list[tuple]:
        rows = self._employments[:]
        self._employments.clear()  # in place: people() holds a reference to the list
        return rows

    def take_tags(self) -> list[tuple]:
        rows = self._tags[:]
        self._tags.clear()
        return rows


# --- loading ---------------------------------------------------------------------------------

PERSON_COLUMNS = ("id", *bulk.PERSON_COLUMNS)
EMPLOYER_COLUMNS = ("id", *bulk.EMPLOYER_COLUMNS)
EMPLOYMENT_COLUMNS = ("id", *bulk.EMPLOYMENT_COLUMNS)
TAG_COLUMNS = ("person_id", "persontag_id")


class DemoSeedConflict(Exception):
    """The database already holds a demo city of another scale."""


@dataclass
class SeedResult:
    created: bool
    scale: str
    seed: int
    counts: dict[str, int]
    seconds: float
    accounts: list[dict[str, str]]


def demo_marker():
    """The audit entry a finished seeding run leaves behind (also how a second run knows)."""
    from renshe.audit.models import AuditAction, AuditEntry

    return (
        AuditEntry.objects.filter(
            action=AuditAction.IMPORT, object_type="registry.person", object_id__startswith=MARKER_PREFIX
        )
        .order_by("seq")
        .first()
    )


def maoming_towns() -> tuple[list[Town], dict[str, str]]:
    from renshe.core.models import Region, RegionLevel

    counties = dict(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4409").values_list("code", "name")
    )
    towns = [
        Town(code=code, name=name, county=parent, kind=kind)
        for code, name, parent, kind in Region.objects.filter(level=RegionLevel.TOWN, parent_id__in=counties)
        .order_by("code")
        .values_list("code", "name", "parent_id", "kind")
    ]
    if not towns:
        raise RuntimeError("no towns in core.Region: run `manage.py migrate` (or load_reference) first")
    return towns, counties


def _max_id(model) -> int:
    return model.objects.order_by("-id").values_list("id", flat=True).first() or 0


@contextmanager
def _bulk_load_mode(models: Sequence, progress: Callable[[str], None]) -> Iterator[None]:
    """On PostgreSQL, load without secondary indexes, unique constraints and foreign keys, then
    put them back.

    Building an index once over sorted rows is many times cheaper than maintaining it row by
    row (a unique index on identity numbers takes them in random order), and Django's foreign
    keys are ``DEFERRABLE INITIALLY DEFERRED``: millions of queued checks would run (and be held
    in memory) at commit. The definitions are read from the catalogue and restored exactly,
    with their names, in the same transaction, so a duplicate or a dangling key still fails the
    whole run: re-adding a unique constraint checks every row, re-adding a foreign key validates
    every row in one join. Primary keys stay, and so does a unique constraint a foreign key
    points at.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        # Run the checks still queued in this transaction: ALTER TABLE refuses a table with
        # pending trigger events. (Django's constraints are all INITIALLY DEFERRED again after.)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype FROM pg_constraint c"
            " WHERE c.conrelid = ANY(%s::regclass[]) AND (c.contype = 'f' OR (c.contype = 'u' AND NOT EXISTS"
            "  (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)))"
            " ORDER BY c.contype, 1, 2",
            [tables],
        )
        constraints = cursor.fetchall()  # foreign keys first, then unique constraints
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype <> 'f')"
            " ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition, _kind in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    started = time.monotonic()
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition, _kind in reversed(constraints):  # unique constraints, then foreign keys
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    progress(f"索引 {len(indexes)} 个、约束 {len(constraints)} 个已重建（{time.monotonic() - started:.0f} 秒）")


def _load(gen: CityGenerator, progress: Callable[[str], None], *, defer_indexes: bool) -> Counts:
    if not defer_indexes:
        return _load_rows(gen, progress)
    with _bulk_load_mode([Employer, Person, Person.tags.through, Employment], progress):
        return _load_rows(gen, progress)


def _load_rows(gen: CityGenerator, progress: Callable[[str], None]) -> Counts:
    counts = Counts()
    started = time.monotonic()
    counts.employers = bulk.insert_rows(Employer, EMPLOYER_COLUMNS, gen.employers())
    progress(f"单位 {counts.employers:,} 家（{time.monotonic() - started:.0f} 秒）")
    people = gen.people()
    through = Person.tags.through
    while counts.persons < gen.people_count:
        chunk = min(PROGRESS_EVERY, gen.people_count - counts.persons)
        done = bulk.insert_rows(Person, PERSON_COLUMNS, itertools.islice(people, chunk))
        if not done:
            break
        counts.persons += done
        counts.employments += bulk.insert_rows(Employment, EMPLOYMENT_COLUMNS, gen.take_employments())
        counts.person_tags += bulk.insert_rows(through, TAG_COLUMNS, gen.take_tags())
        progress(
            f"人员 {counts.persons:,} / {gen.people_count:,}，就业关系 {counts.employments:,}"
            f"（{time.monotonic() - started:.0f} 秒）"
        )
    # Rows were written with explicit ids: move the sequences past them.
    sql = connection.ops.sequence_reset_sql(no_style(), [Person, Employer, Employment])
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
    return counts


def seed_demo(
    *,
    scale: str = "small",
    seed: int = DEFAULT_SEED,
    people: int | None = None,
    employers: int | None = None,
    progress: Callable[[str], None] | None = None,
    defer_indexes: bool | None = None,
) -> SeedResult:
    """Create the demo city once: people, employers, employment, then the demo accounts.

    Safe to run again: a database that already holds the demo city of this scale only gets its
    demo accounts checked (missing ones created) — nothing is duplicated. One audit entry
    records the whole run. ``defer_indexes`` (PostgreSQL; by default for 100 000 people and
    more) rebuilds secondary indexes and foreign keys once after the load instead of row by row.
    """
    from renshe.audit.models import AuditAction
    from renshe.audit.services import audit_record

    progress = progress or (lambda message: None)
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    started = time.monotonic()
    marker = demo_marker()
    if marker is not None:
        if marker.object_id != f"{MARKER_PREFIX}{scale}":
            raise DemoSeedConflict(
                f"数据库中已有 {marker.object_id.removeprefix(MARKER_PREFIX)} 规模的演示数据；"
                f"要生成 {scale} 规模，请使用一个新的数据库"
            )
        accounts = demo_accounts_ensure()
        changes = marker.changes or {}
        return SeedResult(
            created=False,
            scale=scale,
            seed=int(changes.get("seed", seed)),
            counts={k: int(changes.get(k, 0)) for k in ("persons", "employers", "employments", "person_tags")},
            seconds=time.monotonic() - started,
            accounts=accounts,
        )
    size = SCALES[scale]
    towns, county_names = maoming_towns()
    with transaction.atomic():
        gen = CityGenerator(
            towns=towns,
            county_names=county_names,
            seed=seed,
            people_count=size.people if people is None else people,
            employers_count=size.employers if employers is None else employers,
            person_base=_max_id(Person),
            employer_base=_max_id(Employer),
            employment_base=_max_id(Employment),
        )
        if defer_indexes is None:
            defer_indexes = gen.people_count >= DEFER_INDEXES_FROM
        counts = _load(gen, progress, defer_indexes=defer_indexes and connection.vendor == "postgresql")
        audit_record(
            actor=None,
            action=AuditAction.IMPORT,
            object_type="registry.person",
            object_id=f"{MARKER_PREFIX}{scale}",
            object_repr=f"演示城市 {scale}（seed {seed}）",
            changes={**counts.as_dict(), "scale": scale, "seed": seed},
        )
    accounts = demo_accounts_ensure()
    return SeedResult(
        created=True,
        scale=scale,
        seed=seed,
        counts=counts.as_dict(),
        seconds=time.monotonic() - started,
        accounts=accounts,
    )


# --- the fixed demo records and accounts ------------------------------------------------------

DEMO_PERSON = {
    "name": "张三",
    "region": "440902",
    "born": date(1988, 3, 15),
    "male": True,
    "residence_region": "440902001",  # 红旗街道
    "phone": "13800138000",
    "education": "21",
}
DEMO_EMPLOYER = {
    "name": "茂名市南粤示范制造有限公司",
    "region": "440902001",
    "industry": "C",
    "size": "small",
    "ownership": "private",
    "legal_representative": "李明",
    "contact_phone": "13900139000",
}
CITY_UNIT = "茂名市人力资源和社会保障局"
# (username, role, region of the org unit, org unit name or None for the county bureau, display name)
DEMO_ACCOUNTS = (
    ("city_admin", "admin", "440900", None, "市局系统管理员"),
    ("leader", "leader", "440900", None, "市局领导"),
    ("statistician", "statistician", "440900", None, "市局统计员"),
    ("auditor", "auditor", "440900", None, "市局审计员"),
    ("clerk_maonan", "clerk", "440902", None, "茂南区窗口受理员"),
    ("reviewer_maonan", "reviewer", "440902", None, "茂南区审核员"),
    ("clerk_gaozhou", "clerk", "440981", None, "高州市窗口受理员"),
    ("reviewer_gaozhou", "reviewer", "440981", None, "高州市审核员"),
    ("arbitrator", "arbitrator", "440900", "茂名市劳动人事争议仲裁院", "市仲裁员"),
    ("inspector", "inspector", "440900", "茂名市劳动保障监察支队", "市劳动保障监察员"),
    ("training_org", "training_org", None, None, "茂名市南粤职业技能培训学校"),
    ("employer_demo", "employer", None, None, DEMO_EMPLOYER["name"]),
    ("citizen_demo", "citizen", None, None, DEMO_PERSON["name"]),
)


def demo_person_id_number() -> str:
    return fixed_resident_id(DEMO_PERSON["region"], DEMO_PERSON["born"], DEMO_PERSON["male"])


def demo_employer_credit_code() -> str:
    return build_uscc(DEMO_EMPLOYER["region"][:6], DEMO_EMPLOYER_SERIAL)


def _demo_person() -> Person:
    from renshe.registry.services import person_register

    number = demo_person_id_number()
    found = Person.objects.filter(id_number=number).first()
    if found is not None:
        return found
    return person_register(
        actor=None,
        name=DEMO_PERSON["name"],
        id_number=number,
        residence_region=DEMO_PERSON["residence_region"],
        household_region=DEMO_PERSON["residence_region"],
        household_address="红旗街道油城路88号",
        address="红旗街道油城路88号",
        phone=DEMO_PERSON["phone"],
        education=DEMO_PERSON["education"],
    )


def _demo_employer() -> Employer:
    from renshe.registry.services import employer_register

    code = demo_employer_credit_code()
    found = Employer.objects.filter(credit_code=code).first()
    if found is not None:
        return found
    fields = {k: v for k, v in DEMO_EMPLOYER.items()}
    return employer_register(actor=None, credit_code=code, address="茂南区红旗街道工业大道1号", **fields)


def _org_units() -> dict[tuple[str, str | None], object]:
    from renshe.accounts.models import OrgUnit
    from renshe.core.models import Region, RegionLevel

    units: dict[tuple[str, str | None], object] = {}
    city_region = Region.objects.get(pk="440900")
    city, _created = OrgUnit.objects.get_or_create(region=city_region, name=CITY_UNIT)
    units[("440900", None)] = city
    for region in Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4409").order_by("code"):
        units[(region.code, None)], _created = OrgUnit.objects.get_or_create(
            region=region, name=f"{region.name}人力资源和社会保障局", defaults={"parent": city}
        )
    for _username, _role, region_code, unit_name, _display in DEMO_ACCOUNTS:
        if unit_name:
            units[(region_code, unit_name)], _created = OrgUnit.objects.get_or_create(
                region=city_region, name=unit_name, defaults={"parent": city}
            )
    return units


def demo_accounts_ensure() -> list[dict[str, str]]:
    """Create the demo accounts that do not exist yet (DESIGN.md: Demo accounts); return them all."""
    from renshe.accounts.models import User
    from renshe.accounts.services import user_create

    password = settings.DEMO_PASSWORD
    existing = {u.username: u for u in User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])}
    units = _org_units() if len(existing) < len(DEMO_ACCOUNTS) else {}
    rows = []
    for username, role, region_code, unit_name, display in DEMO_ACCOUNTS:
        user = existing.get(username)
        if user is None:
            extra = {}
            if role == "citizen":
                extra["person"] = _demo_person()
            elif role == "employer":
                extra["employer"] = _demo_employer()
            user = user_create(
                actor=None,
                username=username,
                password=password,
                role=role,
                org_unit=units[(region_code, unit_name)] if region_code else None,
                display_name=display,
                **extra,
            )
        rows.append(_account_row(user))
    return rows


def _account_row(user) -> dict[str, str]:
    region = ""
    if user.org_unit_id:
        region = f"{user.org_unit.region_id} {user.org_unit.region.name}"
    elif user.person_id:
        region = f"{user.person.residence_region_id} {user.person.residence_region.name}"
    elif user.employer_id:
        region = f"{user.employer.region_id} {user.employer.region.name}"
    return {
        "username": user.username,
        "role": user.role,
        "role_label": user.get_role_display(),
        "region": region,
        "name": user.display_name,
        "password": settings.DEMO_PASSWORD,
    }


def accounts_table(rows: list[dict[str, str]]) -> str:
    """A plain-text table of the demo accounts for the terminal."""
    header = ("username", "role", "region", "password")
    lines = [(r["username"], f"{r['role']} ({r['role_label']})", r["region"] or "-", r["password"]) for r in rows]

    def width(text: str) -> int:  # CJK characters take two columns in a terminal
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def fmt(cells) -> str:
        return "  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(cells)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(line) for line in lines)])


def extra_people(count: int, *, seed: int = DEFAULT_SEED + 1) -> Iterator[dict]:
    """People who are *not* in the demo city, for import files (``make bench``): valid identity
    numbers from slots the demo city never uses, so importing them next to it never collides."""
    towns, county_names = maoming_towns()
    gen = CityGenerator(
        towns=towns,
        county_names=county_names,
        seed=seed,
        people_count=count,
        employers_count=0,
        id_slots=(EXTRA_SLOTS.start, EXTRA_SLOTS.stop),
    )
    columns = PERSON_COLUMNS
    for row in gen.people():
        gen.take_employments()
        gen.take_tags()
        yield dict(zip(columns, row, strict=True))


def module_seeders() -> list[tuple[str, object]]:
    """``(app, demo_seed)`` of every domain app with a ``demo`` module (settings.DOMAIN_APPS), in order.

    Each ``demo_seed(*, scale, progress)`` must be idempotent: ``make run`` calls it on every start."""
    from importlib import import_module
    from importlib.util import find_spec

    seeders = []
    for app in settings.DOMAIN_APPS:
        if app != "renshe.registry" and find_spec(f"{app}.demo") is not None:
            module = import_module(f"{app}.demo")
            if hasattr(module, "demo_seed"):
                seeders.append((app, module.demo_seed))
    return seeders


def module_accounts(known: list[dict[str, str]]) -> list[dict[str, str]]:
    """The accounts the modules' demo seeds added (mediators, more arbitrators and inspectors, …):
    every active user beyond ``known`` whose password is the demo password, for the printed table."""
    from renshe.accounts.models import User

    seen = {row["username"] for row in known}
    users = (
        User.objects.filter(is_active=True)
        .exclude(username__in=seen)
        .select_related("org_unit__region", "person__residence_region", "employer__region")
        .order_by("role", "username")[:60]
    )
    return [_account_row(u) for u in users if u.check_password(settings.DEMO_PASSWORD)]
