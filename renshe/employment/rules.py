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
        r"身高\s*(?:要求)?\s*[:：]?\s*[0-9]{3}|身高" + _NP + r"{0,4}(?:以上|以下|cm|厘米)|五官端正|形象(?:好|佳)|气质佳"
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
