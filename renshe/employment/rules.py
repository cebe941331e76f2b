"""Pure business rules of the employment module: no database, no request; table-tested.

One section per area, each headed by a comment.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# --- job fairs ------------------------------------------------------------------------------
# Entry codes, booth numbers and the check-in day. Pure: no database, no request, no clock.

ENTRY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud or typed at a door
ENTRY_CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes: not guessable at a door, short enough to type


def entry_code_normalise(text: str) -> str:
    """What the person typed or the camera read, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (text or "").strip().upper() if ch not in " -_\t")


def entry_code_well_formed(code: str) -> bool:
    return len(code) == ENTRY_CODE_LENGTH and all(ch in ENTRY_CODE_ALPHABET for ch in code)


def entry_code_display(code: str) -> str:
    """``ABCD2345`` → ``ABCD-2345``: two groups of four are easier to read out."""
    return f"{code[:4]}-{code[4:]}" if len(code) == ENTRY_CODE_LENGTH else code


def fair_runs_on(starts_on: date, ends_on: date, day: date) -> bool:
    """A fair admits people at the door on the days from its first to its last, both included."""
    return starts_on <= day <= ends_on


def booth_number_label(number: int) -> str:
    """Booth numbers are stored zero-padded so that they sort as numbers (``007`` before ``012``)."""
    return f"{number:03d}"


def booth_number_error(number: int, booth_count: int, taken: set[int]) -> str | None:
    """Why ``number`` cannot be assigned, or ``None``. Messages are filled in by the caller (i18n)."""
    if number < 1:
        return "too_small"
    if number > booth_count:
        return "beyond_count"
    if number in taken:
        return "taken"
    return None


def first_free_booth_number(booth_count: int, taken: set[int]) -> int | None:
    return next((n for n in range(1, booth_count + 1) if n not in taken), None)


# --- jobs and matching (人岗匹配) ---------------------------------------------------------------
# The discrimination check on job texts, the legal floor on pay and age, and the hard constraints
# and score of matching. Pure: callers pass the minimum wage, today's date, the token sets.

REFUSE = "refuse"  # a clear violation: the posting is not stored, the employer is told why
HOLD = "hold"  # a requirement that may be lawful when the job needs it: stored, the reviewer decides

# 劳动法 第十五条: no one under 16 may be employed (no child labour). The upper bound of 65 keeps
# postings within working age as the platform serves it; both are law, not amounts that change.
LEGAL_MIN_WORKING_AGE = 16
POSTING_MAX_AGE = 65
# An upper age limit below this is flagged for review (“35岁门槛”): an age limit must be needed by
# the job. A review heuristic, not a legal threshold.
AGE_LIMIT_REVIEW_BELOW = 40
JOB_DEFAULT_VALIDITY_DAYS = 60

_NP = r"[^\s，。；;,.、！!？?：:（）()]"  # a character inside one phrase (no punctuation, no space)
_HBV = r"(?:乙肝|乙型肝炎|HBV|HBsAg|小三阳|大三阳|两对半|澳抗)"
_AGE_SOURCE = _("《就业促进法》第三条；《就业服务与就业管理规定》第二十条（招聘广告不得含有歧视性内容）")


@dataclass(frozen=True)
class DiscriminationRule:
    code: str
    category: str
    severity: str
    pattern: re.Pattern
    reason: str
    source: str


@dataclass(frozen=True)
class Finding:
    """One discriminatory (or possibly discriminatory) requirement found in a job posting."""

    code: str
    category: str
    severity: str
    field: str
    phrase: str
    reason: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "category": str(self.category),
            "severity": self.severity,
            "field": self.field,
            "phrase": self.phrase,
            "reason": str(self.reason),
            "source": str(self.source),
        }

    def message(self) -> str:
        return f"“{self.phrase}”：{self.reason}（{self.source}）"


def _rule(code, category, severity, pattern, reason, source) -> DiscriminationRule:
    return DiscriminationRule(code, category, severity, re.compile(pattern, re.IGNORECASE), reason, source)


_SEX = _("性别")
_MARITAL = _("婚育状况")
_ETHNIC = _("民族")
_HOUSEHOLD = _("户籍")
_HEALTH = _("乙肝病原携带")
_RELIGION = _("宗教信仰")
_ORIGIN = _("地域")
_DISABILITY = _("残疾")
_AGE = _("年龄")
_LOOKS = _("容貌身高")

# Each row: what it catches, whether that is refused or held, why, and the law it rests on.
# Within a category a refusal hides the softer rows (one message per problem, the stronger one).
DISCRIMINATION_RULES: list[DiscriminationRule] = [
    _rule(
        "sex_exclusive",
        _SEX,
        REFUSE,
        r"(?:(?<![不无])(?:仅限|只限|限|只招|仅招|只要|仅要|要求)|性别(?:要求|限制)?[:：]?\s*)(?:男|女)(?:性|士|生|工|的)?"
        r"(?![女男装鞋款]|不限|均可)",
        _("以性别为由限制录用"),
        _("《就业促进法》第三条、第二十七条；《妇女权益保障法》第四十三条；《就业服务与就业管理规定》第二十条"),
    ),
    _rule(
        "sex_preferred",
        _SEX,
        REFUSE,
        r"(?<![男女])(?:男|女)(?:性|士|生)?(?:者)?(?:优先|为主)",
        _("规定某一性别优先"),
        _("《妇女权益保障法》第四十三条第一项；《就业促进法》第二十七条"),
    ),
    _rule(
        "sex_excluded",
        _SEX,
        REFUSE,
        r"(?<![男女])(?:男|女)(?:性|士|生)?勿扰|(?:不招|不要|谢绝|拒招|不收|不考虑)(?:男|女)(?:性|士|生|工)?(?![女男装鞋款])",
        _("以性别为由拒绝录用"),
        _("《就业促进法》第二十七条；《妇女权益保障法》第四十三条"),
    ),
    _rule(
        "sex_suitable",
        _SEX,
        HOLD,
        r"适合(?:男|女)(?:性|士|生)|(?:男|女)(?:性|士|生)?(?:更)?适合",
        _("对性别有倾向：除国家规定不适合妇女的工种或岗位外，不得以性别为由拒绝录用或提高录用标准"),
        _("《就业促进法》第二十七条；《女职工劳动保护特别规定》附录"),
    ),
    _rule(
        "marital",
        _MARITAL,
        REFUSE,
        r"已婚已育|已婚未育|未婚未育|(?:已婚|未婚|已育|未育)(?:者)?优先|(?:仅限|只限|限|只招|要求|须)(?:未婚|已婚|已育|未育)"
        r"|(?:\d+年内|入职后|合同期内)?(?:不得|不能|不准|不允许)(?:结婚|怀孕|生育|生小孩|生孩子)|无(?:生育|怀孕)计划"
        r"|(?:宝妈|孕妇|已婚|未婚)勿扰|(?:妊娠|怀孕)(?:测试|检测)|(?:入职|体检)"
        + _NP
        + r"{0,6}(?:妊娠|怀孕|孕)(?:检查|检测|测试)",
        _("将婚育状况作为录用条件或询问、限制婚育"),
        _("《妇女权益保障法》第四十三条；《就业促进法》第二十七条"),
    ),
    _rule(
        "ethnic",
        _ETHNIC,
        REFUSE,
        r"(?:仅限|只限|限|只招|仅招|要求)(?:汉族|汉人)|汉族(?:者)?优先"
        r"|(?:不招|不要|谢绝|拒招|不收|不录用?)"
        + _NP
        + r"{0,2}(?:少数民族|维吾尔族|维族|藏族|回族|彝族|壮族|苗族|瑶族)"
        r"|少数民族(?:人员)?勿扰",
        _("以民族为由限制录用"),
        _("《就业促进法》第三条、第二十八条"),
    ),
    _rule(
        "household",
        _HOUSEHOLD,
        REFUSE,
        r"(?<!办理)(?<!协助)(?<!帮助)(?<!迁入)(?<!可落)(?:"
        r"(?:仅限|只限|限|只招|仅招|要求|须为|须是|必须是|必须)" + _NP + r"{0,4}(?:户口|户籍)"
        r"|(?:本地|本市|本省|本区|本县|茂名|广东|城镇|城市|非农业?|农业|农村|外地|外省)(?:户口|户籍)(?:者|人员)?(?:优先)?"
        r"|(?:不招|不要|谢绝|拒招|不收)" + _NP + r"{0,4}(?:户口|户籍)"
        r")",
        _("以户籍为由限制录用"),
        _("《就业促进法》第三条、第三十一条；《就业服务与就业管理规定》第二十条"),
    ),
    _rule(
        "hbv_excluded",
        _HEALTH,
        REFUSE,
        _HBV + _NP + r"{0,6}(?:勿扰|不招|不录|谢绝|不要|除外|阴性|免谈)"
        r"|(?:无|非|排除|不招|不要|谢绝|拒招|不录用?)"
        + _NP
        + r"{0,4}"
        + _HBV
        + r"|体检"
        + _NP
        + r"{0,10}"
        + _HBV
        + r"|"
        + _HBV
        + _NP
        + r"{0,4}(?:检查|检测|筛查)",
        _("以乙肝病原携带为由拒绝录用，或把乙肝检测作为录用条件"),
        _("《就业促进法》第三十条；《就业服务与就业管理规定》第十九条"),
    ),
    _rule(
        "hbv_mentioned",
        _HEALTH,
        HOLD,
        _HBV,
        _("提到乙肝：除法律、法规规定禁止从事的工作外，不得把乙肝项目作为体检或录用条件"),
        _("《就业促进法》第三十条；《就业服务与就业管理规定》第十九条"),
    ),
    _rule(
        "religion",
        _RELIGION,
        HOLD,
        r"(?:仅限|只限|限|只招|不招|不要|谢绝|拒招)"
        + _NP
        + r"{0,4}(?:信徒|教徒|基督徒|穆斯林|佛教徒|宗教人士|有宗教信仰)"
        r"|无宗教信仰|(?:宗教|信仰)(?:要求|限制)",
        _("以宗教信仰设限"),
        _("《就业促进法》第三条"),
    ),
    _rule(
        "origin",
        _ORIGIN,
        HOLD,
        r"(?:不招|不要|谢绝|拒招|不收|不录用?)"
        + _NP
        + r"{0,3}(?:河南|新疆|西藏|东北|湖南|湖北|四川|江西|广西|贵州|安徽|外地|外省|外市|北方|潮汕)(?:人|籍|的)?"
        r"|(?:仅限|只限|限|只招|仅招)(?:本地人|本地籍|本省人|本市人|茂名人|广东人|粤籍|本地户籍人员)"
        r"|(?:本地人|本地籍|茂名人|广东人|粤籍)(?:者)?优先|" + _NP + r"{1,3}籍(?:人员)?勿扰",
        _("以地域（籍贯、来源地）设限"),
        _("《就业促进法》第三条；《就业服务与就业管理规定》第二十条"),
    ),
    _rule(
        "disability",
        _DISABILITY,
        HOLD,
        r"(?:不招|不要|谢绝|拒招|不收|不录用?)"
        + _NP
        + r"{0,3}(?:残疾|残障|伤残)|(?:无|没有)(?:任何)?(?:残疾|身体缺陷|生理缺陷)"
        r"|(?:四肢|肢体|身体)健全|残疾人?勿扰",
        _("以残疾设限：确属岗位固有要求的（如需特定身体条件），由审核员核实"),
        _("《就业促进法》第二十九条；《残疾人保障法》第三十八条"),
    ),
    _rule(
        "age_text",
        _AGE,
        HOLD,
        r"(?:限|只招|仅招)?\s*(?:[0-9]{2})\s*后(?:优先)?(?=[，。；,;\s]|$)"
        r"|(?:年龄|限|要求)?\s*(?:1[6-9]|[2-3][0-9])\s*周?岁?\s*(?:[-~～至到—–]+)\s*(?:[1-3][0-9])\s*周?岁"
        r"|(?:[1-3][0-9])\s*周?岁\s*(?:以下|以内|之内)",
        _("年龄上限低于40岁：年龄条件须为岗位所必需"),
        _AGE_SOURCE,
    ),
    _rule(
        "looks",
        _LOOKS,
        HOLD,
        r"身高\s*(?:要求)?\s*[:：]?\s*[0-9]{3}|身高"
        + _NP
        + r"{0,4}(?:以上|以下|cm|厘米)|五官端正|形象气质(?:好|佳)|形象(?:好|佳)|气质佳"
        r"|相貌(?:端正|好)|长相|颜值|体重\s*[0-9]|貌美|漂亮|身材(?:好|匀称|苗条)",
        _("以容貌、身高、体重设限：确属岗位需要的，由审核员核实"),
        _("《就业服务与就业管理规定》第二十条"),
    ),
]


def discrimination_check(texts: Mapping[str, str]) -> list[Finding]:
    """Every discriminatory requirement in a posting's texts (``{"title": …, "description": …}``).

    A posting with discriminatory content may not be published (《就业服务与就业管理规定》第二十条):
    ``REFUSE`` findings stop it, ``HOLD`` findings go to the reviewer with the posting.
    """
    findings: list[Finding] = []
    refused_categories: set[str] = set()
    for rule in DISCRIMINATION_RULES:
        if rule.severity == HOLD and str(rule.category) in refused_categories:
            continue
        for field, text in texts.items():
            for match in rule.pattern.finditer(text or ""):
                phrase = match.group(0).strip()
                if not phrase:
                    continue
                findings.append(
                    Finding(rule.code, rule.category, rule.severity, field, phrase, rule.reason, rule.source)
                )
                if rule.severity == REFUSE:
                    refused_categories.add(str(rule.category))
                break  # one finding per rule and field is enough to explain it
    return findings


def age_limit_errors(age_min: int | None, age_max: int | None) -> dict[str, str]:
    """Age limits a posting may not have: below 16 (劳动法 第十五条), above 65, or an empty range."""
    errors: dict[str, str] = {}
    if age_min is not None and age_min < LEGAL_MIN_WORKING_AGE:
        errors["age_min"] = str(
            _("年龄下限不能低于%(n)d周岁（《劳动法》第十五条禁止招用未满十六周岁的未成年人）")
            % {"n": LEGAL_MIN_WORKING_AGE}
        )
    if age_max is not None and age_max < LEGAL_MIN_WORKING_AGE:
        errors["age_max"] = str(_("年龄上限不能低于%(n)d周岁") % {"n": LEGAL_MIN_WORKING_AGE})
    elif age_max is not None and age_max > POSTING_MAX_AGE:
        errors["age_max"] = str(_("年龄上限不能超过%(n)d周岁") % {"n": POSTING_MAX_AGE})
    if age_min is not None and age_min > POSTING_MAX_AGE and "age_min" not in errors:
        errors["age_min"] = str(_("年龄下限不能超过%(n)d周岁") % {"n": POSTING_MAX_AGE})
    if age_min is not None and age_max is not None and age_min > age_max and "age_max" not in errors:
        errors["age_max"] = str(_("年龄上限不能小于年龄下限"))
    return errors


def age_limit_findings(age_min: int | None, age_max: int | None) -> list[Finding]:
    """Structured age limits tighter than most jobs need: held for the reviewer, not refused."""
    if age_max is not None and LEGAL_MIN_WORKING_AGE <= age_max < AGE_LIMIT_REVIEW_BELOW:
        phrase = f"{age_min or LEGAL_MIN_WORKING_AGE}–{age_max}岁"
        return [
            Finding(
                "age_limit",
                _AGE,
                HOLD,
                "age_max",
                phrase,
                _("年龄上限低于%(n)d岁：年龄条件须为岗位所必需") % {"n": AGE_LIMIT_REVIEW_BELOW},
                _AGE_SOURCE,
            )
        ]
    return []


def _age_text_too_tight(phrase: str) -> bool:
    """``18-35岁``, ``35岁以下`` and ``90后`` are tight; ``18-50岁`` is not."""
    if phrase.rstrip("优先").endswith("后"):
        return True
    numbers = [int(n) for n in re.findall(r"[0-9]{2}", phrase)]
    return bool(numbers) and max(numbers) < AGE_LIMIT_REVIEW_BELOW


def posting_findings(
    *, title: str, description: str, age_min: int | None = None, age_max: int | None = None
) -> list[Finding]:
    """The discrimination check of a whole posting: its texts and its structured age limits."""
    findings = [
        f
        for f in discrimination_check({"title": title, "description": description})
        if f.code != "age_text" or _age_text_too_tight(f.phrase)
    ]
    return findings + age_limit_findings(age_min, age_max)


def salary_errors(
    *, salary_min: int | None, salary_max: int | None, full_time: bool, minimum_monthly: Decimal | None
) -> dict[str, str]:
    """Pay a posting may not offer.

    A full-time job may not pay less than the monthly minimum wage in force where it is (劳动法
    第四十八条; 最低工资规定 第十二条; Maoming: DOMAIN.md §7). Part-time work (非全日制) is paid by the
    hour (劳动合同法 第七十二条): a monthly figure cannot be compared with the hourly minimum without
    the hours, so part-time postings are checked by the reviewer against the hourly standard.
    """
    errors: dict[str, str] = {}
    if salary_min is None or salary_min <= 0:
        errors["salary_min"] = str(_("请填写月薪下限（元/月）"))
    elif full_time and minimum_monthly is not None and Decimal(salary_min) < minimum_monthly:
        errors["salary_min"] = str(
            _("月薪下限 %(pay)s 元低于当地现行月最低工资标准 %(min)s 元，全日制岗位不得低于最低工资")
            % {"pay": salary_min, "min": f"{minimum_monthly:.0f}"}
        )
    if salary_max is None or salary_max <= 0:
        errors["salary_max"] = str(_("请填写月薪上限（元/月）"))
    elif salary_min is not None and salary_max < salary_min:
        errors["salary_max"] = str(_("月薪上限不能低于月薪下限"))
    return errors


# --- matching: hard constraints ---------------------------------------------------------------
# Hours: a seeker who wants full-time work is offered full-time jobs and jobs open to either.


def hours_compatible(seeker_hours: str, job_hours: str) -> bool:
    return seeker_hours == "any" or job_hours == "any" or seeker_hours == job_hours


def education_meets(seeker_rank: int | None, required_rank: int | None) -> bool:
    """The seeker's education is at least the job's minimum (``EducationLevel.rank``); unknown meets none."""
    if required_rank is None:
        return True
    return seeker_rank is not None and seeker_rank >= required_rank


def age_on(birth_date: date, on_date: date) -> int:
    return on_date.year - birth_date.year - ((on_date.month, on_date.day) < (birth_date.month, birth_date.day))


def age_allowed(age: int, age_min: int | None, age_max: int | None) -> bool:
    """Within the job's limits, and never a child (劳动法 第十五条)."""
    if age < LEGAL_MIN_WORKING_AGE:
        return False
    return (age_min is None or age >= age_min) and (age_max is None or age <= age_max)


def region_reachable(job_region: str, desired: Iterable[str]) -> bool:
    """The job is where the seeker wants to work: in a county they chose, or in the county of a town
    they chose (a town is a preference inside a county people commute across). No wish: all Maoming."""
    desired = list(desired)
    return not desired or any(job_region[:6] == code[:6] for code in desired)


# --- matching: score ------------------------------------------------------------------------

# Seeker fields weigh as the issue orders them: desired occupations > skills > certificates > summary.
SEEKER_FIELD_WEIGHTS: dict[str, float] = {"desired": 3.0, "skills": 2.0, "certificates": 1.5, "summary": 1.0}
# Job fields: title > occupation > description. A token in several fields counts in each.
JOB_FIELD_WEIGHTS: dict[str, int] = {"title": 3, "occupation": 2, "description": 1}
# The parts of the final score (they add up to 1).
SCORE_WEIGHTS: dict[str, float] = {"text": 0.6, "occupation": 0.15, "pay": 0.15, "place": 0.1}
# A job whose text score reaches this many "reference matches" counts as fully relevant (see match_score).
TEXT_SATURATION = 2.0
SYNONYM_WEIGHT = 0.5  # a synonym counts half as much as the word itself

# Words people use for the same work (seekers write 做饭, postings 烹饪). Both directions are added.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "保洁": ("清洁", "家政"),
    "保姆": ("家政", "育婴"),
    "月嫂": ("母婴", "育婴"),
    "做饭": ("烹饪", "厨师"),
    "厨师": ("烹饪", "炒锅", "厨房"),
    "粤菜": ("烹饪",),
    "电工": ("电气", "配电"),
    "会计": ("财务", "账务"),
    "出纳": ("财务",),
    "销售": ("营销", "业务员"),
    "导购": ("销售",),
    "保安": ("安保", "门卫"),
    "护工": ("护理", "陪护"),
    "护理": ("护工", "照护"),
    "普工": ("操作工", "流水线"),
    "司机": ("驾驶", "驾驶员"),
    "快递": ("配送", "物流"),
}


def synonym_expansion(tokens: Iterable[str]) -> dict[str, float]:
    """``{synonym: weight}`` for the tokens' synonyms that are not tokens themselves."""
    tokens = set(tokens)
    reverse: dict[str, set[str]] = {}
    for word, others in SYNONYMS.items():
        for other in others:
            reverse.setdefault(other, set()).add(word)
    extra: dict[str, float] = {}
    for token in tokens:
        for synonym in (*SYNONYMS.get(token, ()), *reverse.get(token, ())):
            if synonym not in tokens:
                extra[synonym] = SYNONYM_WEIGHT
    return extra


def idf(df: int, n: int) -> float:
    """Inverse document frequency over the open jobs: rare words say more than common ones."""
    return math.log(1.0 + (n + 1) / (df + 1))


def place_fit(job_region: str, desired: Iterable[str], residence: str | None) -> tuple[float, str]:
    """How well the job's place suits the seeker, and why: ``exact`` (a place they chose), ``county``
    (the county of a town they chose), ``home_town`` / ``home_county`` (no wish: near where they live),
    ``city`` (elsewhere in Maoming)."""
    desired = list(desired)
    if desired:
        for code in desired:
            if job_region == code or (len(code) == 6 and job_region.startswith(code)):
                return 1.0, "exact"
        return (0.5, "county") if region_reachable(job_region, desired) else (0.0, "")
    if residence:
        if job_region == residence:
            return 1.0, "home_town"
        if job_region[:6] == residence[:6]:
            return 0.6, "home_county"
    return 0.2, "city"


def pay_fit(salary_min: int, salary_max: int, expected: int | None) -> tuple[float, str]:
    """``met`` when even the lowest pay reaches the expectation, ``range`` when the range covers it,
    ``near`` within 15% below it, ``unknown`` when the seeker named none."""
    if not expected:
        return 0.5, "unknown"
    if salary_min >= expected:
        return 1.0, "met"
    if salary_max >= expected:
        return 0.8, "range"
    if salary_max >= expected * 0.85:
        return 0.3, "near"
    return 0.0, "below"


def match_score(*, text: float, text_ref: float, occupation: bool, pay: float, place: float) -> float:
    """The score of one seeker–job pair in [0, 1].

    ``text`` is Σ seeker weight × idf × job field weight over the shared words; ``text_ref`` is the
    value of one shared word in a title, averaged over the seeker's words, so a job matching about
    ``TEXT_SATURATION`` of them in its title is fully relevant. Below the saturation the score is
    linear in ``text`` — the index retrieves candidates with the same linear weights.
    """
    text_part = min(1.0, text / (TEXT_SATURATION * text_ref)) if text_ref > 0 else 0.0
    return (
        SCORE_WEIGHTS["text"] * text_part
        + SCORE_WEIGHTS["occupation"] * (1.0 if occupation else 0.0)
        + SCORE_WEIGHTS["pay"] * pay
        + SCORE_WEIGHTS["place"] * place
    )


# --- unemployment, assistance, monitoring, loans --------------------------------------------
# Unemployment and employment registration, employment assistance, enterprise employment
# monitoring and entrepreneurship guarantee loans (issue 4, parts 5–9). Pure: no database, no
# request, no clock. Every amount, rate and threshold arrives as an argument: the services read it
# from ``core.Parameter`` (dated, editable by administrators) with the default named in
# ``ASSISTANCE_PARAMETERS``; statutory schedules (the 2025 retirement-age reform) are tables here,
# each citing its source.

from datetime import timedelta  # noqa: E402

from django.utils.translation import gettext_lazy  # noqa: E402

# key → (default, unit, meaning, source). ``[M]``: DOMAIN.md's "widely cited, configurable" marker.
ASSISTANCE_PARAMETERS: dict[str, tuple[Decimal, str, str, str]] = {
    "employment.female_retirement_base": (
        Decimal(55),
        "岁",
        "女性法定劳动年龄上限所依据的原退休年龄（50 或 55）",
        "假定：人员档案不区分女职工/女干部，取 55 岁口径（劳动年龄人口统计口径）；可改为 50",
    ),
    "employment.min_working_age": (Decimal(16), "岁", "法定劳动年龄下限", "劳动法 第十五条"),
    "employment.difficulty_female_age": (Decimal(40), "岁", "大龄失业人员：女性年龄", "粤人社规〔2023〕11号"),
    "employment.difficulty_male_age": (Decimal(50), "岁", "大龄失业人员：男性年龄", "粤人社规〔2023〕11号"),
    "employment.difficulty_long_unemployed_months": (
        Decimal(12),
        "月",
        "连续失业（自最近一次失业登记起）的月数",
        "粤人社规〔2023〕11号",
    ),
    "employment.difficulty_veteran_unemployed_months": (
        Decimal(6),
        "月",
        "退役军人登记失业的月数",
        "粤人社规〔2023〕11号",
    ),
    "employment.contact_interval_difficulty_days": (
        Decimal(30),
        "天",
        "就业困难人员两次联系的最长间隔",
        "假定 [M]：每月至少联系一次；可配置",
    ),
    "employment.contact_interval_unemployed_days": (
        Decimal(90),
        "天",
        "其他登记失业人员两次联系的最长间隔",
        "假定 [M]：每季度至少联系一次；可配置",
    ),
    "employment.welfare_max_term_months": (
        Decimal(36),
        "月",
        "公益性岗位累计安置期限上限（距法定退休年龄不足5年的除外）",
        "就业补助资金管理办法（财社〔2017〕164号）[M]",
    ),
    "employment.welfare_ending_notice_days": (Decimal(30), "天", "公益性岗位期满提醒天数", "经办规程参考值"),
    "employment.layoff_drop_percent": (Decimal(10), "%", "规模性裁员预警：月度减员比例", "DOMAIN.md §7 [M]"),
    "employment.layoff_drop_people": (Decimal(20), "人", "规模性裁员预警：月度减员人数", "DOMAIN.md §7 [M]"),
    "employment.headcount_report_working_days": (
        Decimal(5),
        "工作日",
        "监测企业月报报送期限（次月第N个工作日）",
        "经办规程参考值",
    ),
    "employment.loan_individual_cap": (Decimal(300000), "元", "个人创业担保贷款额度上限", "广东省 [M]"),
    "employment.loan_partnership_member_cap": (
        Decimal(300000),
        "元",
        "合伙创业每人贷款额度上限",
        "广东省 [M]",
    ),
    "employment.loan_partnership_cap": (Decimal(3000000), "元", "合伙创业贷款总额上限", "广东省 [M]"),
    "employment.loan_enterprise_cap": (Decimal(5000000), "元", "小微企业创业担保贷款额度上限", "广东省 [M]"),
    "employment.loan_max_term_months": (Decimal(36), "月", "创业担保贷款最长期限", "财金〔2020〕21号 [M]"),
    "employment.loan_bank_margin_bp": (Decimal(50), "基点", "经办银行利率上限：LPR 加点", "财金〔2020〕21号 [M]"),
    "employment.loan_borrower_margin_bp": (
        Decimal(150),
        "基点",
        "借款人承担利率上限：LPR 减点（其余财政贴息）",
        "财金〔2020〕21号 [M]",
    ),
    "employment.loan_lpr": (
        Decimal("3.000"),
        "%",
        "一年期贷款市场报价利率（LPR），核准时未填写时采用",
        "中国人民银行授权全国银行间同业拆借中心公布（2025-05-20 起 3.0%）",
    ),
}

# Eligible groups of 创业担保贷款 (财金〔2020〕21号; the catalogue's form choices). Each is switched on
# or off by date through the parameter ``employment.loan_group.<code>`` (1 eligible, 0 not; default 1).
LOAN_GROUPS = {
    "registered_unemployed": gettext_lazy("城镇登记失业人员"),
    "difficulty": gettext_lazy("就业困难人员"),
    "veteran": gettext_lazy("退役军人"),
    "graduate": gettext_lazy("高校毕业生"),
    "returning_migrant": gettext_lazy("返乡创业农民工"),
    "out_of_poverty": gettext_lazy("脱贫人口"),
    "small_enterprise": gettext_lazy("小微企业"),
    "other": gettext_lazy("其他符合条件人员"),
}
# The catalogue form's labels (data) → codes.
LOAN_GROUP_CODES = {
    "城镇登记失业人员": "registered_unemployed",
    "就业困难人员": "difficulty",
    "退役军人": "veteran",
    "高校毕业生": "graduate",
    "返乡创业农民工": "returning_migrant",
    "脱贫人口": "out_of_poverty",
    "小微企业": "small_enterprise",
    "其他符合条件人员": "other",
}
LOAN_KIND_CODES = {"个人": "individual", "合伙创业": "partnership", "小微企业": "enterprise"}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(0, months)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


# Retirement ages. 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13）, from
# 2025-01-01: men 60 → 63 and women 55 → 58, one month more for every 4 months of birth; women 50 → 55,
# one month more for every 2 months of birth. (original age, first birth month affected, birth months
# per month of delay, maximum delay in months). People born before the first month keep the original age.
RETIREMENT_SCHEDULES: dict[tuple[str, int], tuple[date, int, int]] = {
    ("M", 60): (date(1965, 1, 1), 4, 36),
    ("F", 55): (date(1970, 1, 1), 4, 36),
    ("F", 50): (date(1975, 1, 1), 2, 60),
}


def retirement_age_months(birth_date: date, gender: str, *, female_base: int = 55) -> int:
    """The statutory retirement age in months for a person born on ``birth_date``.

    Examples (the decision's own table): a man born 1965-01 retires at 60 years 1 month (2025-02), one
    born 1965-05 at 60 years 2 months, one born 1976-09 or later at 63; a woman on the 50 schedule
    born 1975-03 at 50 years 2 months, one born 1984-11 or later at 55.
    """
    base = 60 if gender == "M" else int(female_base)
    key = (gender if gender == "M" else "F", base)
    if key not in RETIREMENT_SCHEDULES:
        raise ValueError(f"no retirement schedule for {key}")
    first, months_per_step, max_delay = RETIREMENT_SCHEDULES[key]
    k = (birth_date.year - first.year) * 12 + (birth_date.month - first.month)
    delay = 0 if k < 0 else min(max_delay, k // months_per_step + 1)
    return base * 12 + delay


def retirement_date(birth_date: date, gender: str, *, female_base: int = 55) -> date:
    """The day the person reaches the statutory retirement age."""
    return add_months(birth_date, retirement_age_months(birth_date, gender, female_base=female_base))


def working_age_status(
    birth_date: date, gender: str, on_date: date, *, female_base: int = 55, min_age: int = 16
) -> str:
    """``below``, ``within`` or ``above`` the legal working age (16 to the statutory retirement age)."""
    if on_date < add_months(birth_date, min_age * 12):
        return "below"
    if on_date >= retirement_date(birth_date, gender, female_base=female_base):
        return "above"
    return "within"


# 失业登记 (广东省失业保险条例 第十四条): in the legal working age, able and willing to work, without work.
UNEMPLOYMENT_REFUSALS = {
    "below_working_age": gettext_lazy("未满法定劳动年龄"),
    "above_working_age": gettext_lazy("已达到法定退休年龄"),
    "employed": gettext_lazy("实名信息库显示其仍在职"),
    "already_registered": gettext_lazy("已有有效的失业登记"),
    "not_able_or_willing": gettext_lazy("须有劳动能力和就业要求"),
}


def unemployment_registration_refusals(
    *, working_age: str, employed: bool, already_registered: bool, able_and_willing: bool
) -> list[str]:
    """Every reason (a key of ``UNEMPLOYMENT_REFUSALS``) a registration must be refused; empty: allowed.

    广东省失业保险条例 第十四条: 在法定劳动年龄内、有劳动能力和就业要求、处于无业状态. A person the registry
    shows employed (an open employment relation) is not "without work": the registration is refused and
    the employment named, so the clerk can have it ended first if it is out of date.
    """
    reasons = []
    if working_age != "within":
        reasons.append("below_working_age" if working_age == "below" else "above_working_age")
    if employed:
        reasons.append("employed")
    if already_registered:
        reasons.append("already_registered")
    if not able_and_willing:
        reasons.append("not_able_or_willing")
    return reasons


def is_non_local(household_code: str, residence_code: str) -> bool:
    """异地务工人员: the household register (户籍) lies outside the county where the person lives and
    registers. An unknown household counts as non-local (registration where one lives is allowed either way)."""
    return not household_code or household_code[:6] != residence_code[:6]


def is_urban_new_employment(*, had_other_open_employment: bool) -> bool:
    """Whether an employment registration counts toward 城镇新增就业.

    城镇新增就业 counts people who newly take up work in the period (人社部 统计口径: 城镇累计新就业人数);
    a person who moves straight from one job to another (another employment relation still open on the
    start date) is a job change, not new employment. Every employer in the registry sits in a town or
    street (城镇), so the place does not exclude anyone.
    """
    return not had_other_open_employment


# 就业困难人员 (广东省就业困难人员认定管理办法, 粤人社规〔2023〕11号): preconditions and criteria.
DIFFICULTY_PRECONDITIONS = {
    "guangdong_household": gettext_lazy("具有本省户籍"),
    "working_age": gettext_lazy("在法定劳动年龄内"),
    "without_work": gettext_lazy("处于无业状态"),
    "able_and_willing": gettext_lazy("有劳动能力和就业意愿"),
}
DIFFICULTY_CRITERIA = {
    "older_worker": gettext_lazy("大龄失业人员"),
    "disabled": gettext_lazy("残疾人员"),
    "subsistence_allowance": gettext_lazy("享受最低生活保障待遇人员"),
    "urban_zero_employment_household": gettext_lazy("城镇零就业家庭人员"),
    "rural_zero_transfer_poor_household": gettext_lazy("农村零转移就业原建档立卡贫困家庭人员"),
    "landless": gettext_lazy("失地农民"),
    "long_unemployed": gettext_lazy("连续失业1年以上人员"),
    "recovered_drug_user": gettext_lazy("戒毒康复人员"),
    "released_prisoner": gettext_lazy("刑满释放人员"),
    "recovered_mental_patient": gettext_lazy("精神障碍康复人员"),
    "veteran_unemployed": gettext_lazy("登记失业6个月以上的退役军人"),
}
# The catalogue form's 认定类别 labels (data, as the catalogue spells them) → the criterion claimed.
DIFFICULTY_CATEGORY_CODES = {
    "大龄失业人员": "older_worker",
    "残疾人员": "disabled",
    "享受最低生活保障待遇人员": "subsistence_allowance",
    "城镇零就业家庭人员": "urban_zero_employment_household",
    "农村零转移就业原建档立卡贫困家庭人员": "rural_zero_transfer_poor_household",
    "失地农民": "landless",
    "连续失业1年以上人员": "long_unemployed",
    "戒毒康复人员": "recovered_drug_user",
    "刑满释放人员": "released_prisoner",
    "精神障碍康复人员": "recovered_mental_patient",
    "登记失业6个月以上的退役军人": "veteran_unemployed",
}


@dataclass(frozen=True)
class DifficultyThresholds:
    female_age: int
    male_age: int
    long_unemployed_months: int
    veteran_unemployed_months: int
    female_retirement_base: int
    min_working_age: int


@dataclass(frozen=True)
class DifficultyFacts:
    """What the registry shows, and what the applicant claims (backed by the materials)."""

    gender: str
    birth_date: date
    household_code: str  # the household register's region code, or the identity number's
    employed: bool
    able_and_willing: bool = True
    disabled: bool = False
    subsistence_allowance: bool = False
    urban_zero_employment_household: bool = False
    rural_zero_transfer_poor_household: bool = False
    landless: bool = False
    unemployed_registered_since: date | None = None  # the current unemployment registration's date
    recovered_drug_user: bool = False
    released_prisoner: bool = False
    recovered_mental_patient: bool = False
    veteran: bool = False


@dataclass(frozen=True)
class DifficultyAssessment:
    unmet: tuple[str, ...] = ()  # keys of DIFFICULTY_PRECONDITIONS not met
    criteria: tuple[str, ...] = ()  # keys of DIFFICULTY_CRITERIA that apply

    @property
    def eligible(self) -> bool:
        return not self.unmet and bool(self.criteria)


def difficulty_assessment(facts: DifficultyFacts, on_date: date, t: DifficultyThresholds) -> DifficultyAssessment:
    """Which preconditions fail and which criteria apply (粤人社规〔2023〕11号 第三条、第四条).

    Recognised when every precondition holds and at least one criterion applies. "Unemployed for a year"
    and "veteran registered unemployed for six months" run from the current unemployment registration.
    """
    unmet = []
    if not facts.household_code.startswith("44"):
        unmet.append("guangdong_household")
    status = working_age_status(
        facts.birth_date, facts.gender, on_date, female_base=t.female_retirement_base, min_age=t.min_working_age
    )
    if status != "within":
        unmet.append("working_age")
    if facts.employed:
        unmet.append("without_work")
    if not facts.able_and_willing:
        unmet.append("able_and_willing")
    age = age_on(facts.birth_date, on_date)
    since = facts.unemployed_registered_since
    registered_months = months_between(since, on_date) if since else -1
    checks = {
        "older_worker": age >= (t.male_age if facts.gender == "M" else t.female_age),
        "disabled": facts.disabled,
        "subsistence_allowance": facts.subsistence_allowance,
        "urban_zero_employment_household": facts.urban_zero_employment_household,
        "rural_zero_transfer_poor_household": facts.rural_zero_transfer_poor_household,
        "landless": facts.landless,
        "long_unemployed": registered_months >= t.long_unemployed_months,
        "recovered_drug_user": facts.recovered_drug_user,
        "released_prisoner": facts.released_prisoner,
        "recovered_mental_patient": facts.recovered_mental_patient,
        "veteran_unemployed": facts.veteran and registered_months >= t.veteran_unemployed_months,
    }
    return DifficultyAssessment(unmet=tuple(unmet), criteria=tuple(k for k in DIFFICULTY_CRITERIA if checks[k]))


def contact_due_on(anchor: date, interval_days: int) -> date:
    """The last day by which the next contact is due: the last contact (or the day the person entered
    the ledger) plus the allowed interval."""
    return anchor + timedelta(days=interval_days)


def contact_overdue(anchor: date, interval_days: int, on_date: date) -> bool:
    """Not contacted for longer than the rule allows (30 days: contacted 03-01, overdue from 04-01)."""
    return on_date > contact_due_on(anchor, interval_days)


def welfare_term_error(*, requested_months: int, served_months: int, max_months: int) -> str | None:
    """Why a public-welfare placement of ``requested_months`` cannot be made, or ``None``.

    The term counts every placement the person already had (公益性岗位 安置期限累计计算).
    """
    if requested_months < 1:
        return "term_too_short"
    if served_months + requested_months > max_months:
        return "beyond_limit"
    return None


def welfare_term_ends_on(start: date, months: int) -> date:
    """A 12-month placement from 2025-03-01 ends on 2026-02-28."""
    return add_months(start, months) - timedelta(days=1)


def ending_within(term_ends_on: date, on_date: date, days: int) -> bool:
    return on_date <= term_ends_on <= on_date + timedelta(days=days)


def is_zero_employment_household(members: list[tuple[bool, bool]]) -> bool:
    """零就业家庭: at least one member of working age, and no working-age member employed.

    ``members`` holds ``(of_working_age, employed)`` per member.
    """
    working = [employed for of_age, employed in members if of_age]
    return bool(working) and not any(working)


@dataclass(frozen=True)
class LayoffAssessment:
    drop: int
    drop_percent: Decimal
    reasons: tuple[str, ...]  # "percent", "people"

    @property
    def warn(self) -> bool:
        return bool(self.reasons)


def layoff_assessment(*, previous: int, current: int, percent: Decimal, people: int) -> LayoffAssessment:
    """规模性裁员预警 (DOMAIN.md §7, configurable): warn when headcount fell by at least ``percent`` % of
    last month's, or by at least ``people``. 100 → 90 warns (exactly 10%); 1000 → 901 (9.9%) does not;
    1000 → 980 warns (20 people); 1000 → 981 does not."""
    drop = previous - current
    if previous <= 0 or drop <= 0:
        return LayoffAssessment(drop=max(drop, 0), drop_percent=Decimal(0), reasons=())
    drop_percent = (Decimal(drop) * 100 / Decimal(previous)).quantize(Decimal("0.01"))
    reasons = []
    if Decimal(drop) * 100 >= Decimal(percent) * previous:  # exact: no rounding at the boundary
        reasons.append("percent")
    if drop >= people:
        reasons.append("people")
    return LayoffAssessment(drop=drop, drop_percent=drop_percent, reasons=tuple(reasons))


def headcount_report_due(month: date, working_days: int, add_working_days) -> date:
    """A month's report is due by the n-th working day of the next month (``add_working_days`` is
    ``renshe.core.workdays.add_working_days``, passed in so this stays free of the database)."""
    return add_working_days(month_end(month), working_days)


@dataclass(frozen=True)
class LoanRule:
    """The 创业担保贷款 rule in force on a date: caps in 元, rates in basis points, eligible groups."""

    valid_from: date
    individual_cap: Decimal
    partnership_member_cap: Decimal
    partnership_cap: Decimal
    enterprise_cap: Decimal
    max_term_months: int
    bank_margin_bp: int
    borrower_margin_bp: int
    eligible_groups: frozenset[str]

    def snapshot(self) -> dict:
        return {
            "valid_from": self.valid_from.isoformat(),
            "individual_cap": str(self.individual_cap),
            "partnership_member_cap": str(self.partnership_member_cap),
            "partnership_cap": str(self.partnership_cap),
            "enterprise_cap": str(self.enterprise_cap),
            "max_term_months": self.max_term_months,
            "bank_margin_bp": self.bank_margin_bp,
            "borrower_margin_bp": self.borrower_margin_bp,
            "eligible_groups": sorted(self.eligible_groups),
        }

    @classmethod
    def from_snapshot(cls, data: dict) -> LoanRule:
        return cls(
            valid_from=date.fromisoformat(data["valid_from"]),
            individual_cap=Decimal(data["individual_cap"]),
            partnership_member_cap=Decimal(data["partnership_member_cap"]),
            partnership_cap=Decimal(data["partnership_cap"]),
            enterprise_cap=Decimal(data["enterprise_cap"]),
            max_term_months=int(data["max_term_months"]),
            bank_margin_bp=int(data["bank_margin_bp"]),
            borrower_margin_bp=int(data["borrower_margin_bp"]),
            eligible_groups=frozenset(data["eligible_groups"]),
        )


LOAN_REFUSALS = {
    "kind": gettext_lazy("借款人类型无效"),
    "group": gettext_lazy("不属于创业担保贷款扶持对象"),
    "group_kind": gettext_lazy("扶持对象类别与借款人类型不符（小微企业以单位申请，其他类别以个人或合伙申请）"),
    "amount": gettext_lazy("贷款金额须大于零"),
    "amount_cap": gettext_lazy("贷款金额超过额度上限 %(cap)s 元"),
    "members": gettext_lazy("合伙创业须至少2名合伙人"),
    "term": gettext_lazy("贷款期限须为1至%(max)s个月"),
    "rate": gettext_lazy("银行利率不能为负数"),
    "rate_cap": gettext_lazy("银行利率 %(rate)s%% 超过上限 LPR + %(bp)s 个基点（%(cap)s%%）"),
}

_BP = Decimal("0.01")  # one basis point in percent
_RATE = Decimal("0.001")


@dataclass(frozen=True)
class LoanTerms:
    borrower_rate: Decimal | None = None  # % a year the borrower pays
    subsidy_rate: Decimal | None = None  # % a year the treasury pays (贴息)
    refusal: str | None = None  # a key of LOAN_REFUSALS
    refusal_params: dict | None = None
    subsidised: bool = True

    @property
    def ok(self) -> bool:
        return self.refusal is None


def loan_terms(
    amount: Decimal,
    kind: str,
    group: str,
    lpr: Decimal,
    bank_rate: Decimal,
    on_date: date,
    *,
    rule: LoanRule,
    term_months: int | None = None,
    members: int = 1,
    defaulted: bool = False,
    extended: bool = False,
) -> LoanTerms:
    """Borrower and subsidy rates of a guarantee loan, or why it cannot be granted (财金〔2020〕21号;
    Guangdong caps). The bank charges at most LPR + 50 bp; the borrower pays up to LPR − 150 bp (never
    below zero) and the treasury the rest; after a default or an extension there is no subsidy.

    Example: LPR 3.00 %, bank 3.50 % → borrower 1.50 %, treasury 2.00 %. ``on_date`` is the decision
    date: ``rule`` must be the one in force on it (the caller looks it up).
    """
    amount, lpr, bank_rate = Decimal(amount), Decimal(lpr), Decimal(bank_rate)
    caps = {
        "individual": rule.individual_cap,
        "partnership": min(rule.partnership_member_cap * max(members, 1), rule.partnership_cap),
        "enterprise": rule.enterprise_cap,
    }
    if kind not in caps:
        return LoanTerms(refusal="kind")
    if group not in rule.eligible_groups:
        return LoanTerms(refusal="group")
    if (kind == "enterprise") != (group == "small_enterprise"):
        return LoanTerms(refusal="group_kind")
    if kind == "partnership" and members < 2:
        return LoanTerms(refusal="members")
    if amount <= 0:
        return LoanTerms(refusal="amount")
    if amount > caps[kind]:
        return LoanTerms(refusal="amount_cap", refusal_params={"cap": f"{caps[kind]:,.0f}"})
    if term_months is not None and not 1 <= term_months <= rule.max_term_months:
        return LoanTerms(refusal="term", refusal_params={"max": rule.max_term_months})
    if bank_rate < 0:
        return LoanTerms(refusal="rate")
    cap = lpr + rule.bank_margin_bp * _BP
    if bank_rate > cap:
        return LoanTerms(
            refusal="rate_cap",
            refusal_params={"rate": f"{bank_rate:.3f}", "bp": rule.bank_margin_bp, "cap": f"{cap:.3f}"},
        )
    if defaulted or extended:
        return LoanTerms(borrower_rate=bank_rate.quantize(_RATE), subsidy_rate=Decimal("0.000"), subsidised=False)
    borrower = min(bank_rate, max(lpr - rule.borrower_margin_bp * _BP, Decimal(0)))
    return LoanTerms(borrower_rate=borrower.quantize(_RATE), subsidy_rate=(bank_rate - borrower).quantize(_RATE))
