"""Words for matching (人岗匹配): the jieba tokens of jobs and seekers as the services store them
(``Job.match_tokens``, ``JobSeeker.match_tokens``), and the small reference tables the matcher reads
once per process (occupations, region names).

Stored form: one segment per field, `` a b | c | d e ``, with a space around every token so that
``LIKE '% a %'`` finds whole words on SQLite and ``to_tsvector('simple', …)`` reads them on PostgreSQL.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache

# --- tokens -----------------------------------------------------------------------------------

STOPWORDS = frozenset(
    """负责 工作 相关 以上 以下 优先 熟悉 能够 具有 具备 要求 我们 公司 岗位 人员 服务 有关 其他 以及 进行
    完成 良好 一定 经验 能力 协助 日常 提供 需要 可以 工作经验 本人 自己 一名 若干 职位 招聘 或者 以及 及其
    主要 根据 按照 各类 各种 相应 有限 有限公司 责任 居民 社会 生活 辅助 不便 分类 从业 证书 作业 初级 中级
    高级 专业 以内 左右 工资 待遇 薪资 面议""".split()
)
# Words jieba should keep whole (it still offers their parts in search mode).
_DOMAIN_WORDS = ("南粤家政", "粤菜师傅", "养老护理员", "育婴员", "中式烹调师", "低压电工", "家政服务员", "保洁员")
_TOKEN_RE = re.compile(r"^[0-9a-z\u4e00-\u9fff][0-9a-z+#.\u4e00-\u9fff]*$")
_jieba_lock = threading.Lock()
_jieba = None


def _segmenter():
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                for word in _DOMAIN_WORDS:
                    jieba.add_word(word)
                _jieba = jieba
    return _jieba


@lru_cache(maxsize=8192)
def text_tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` for matching: jieba search mode (``保洁员`` → 保洁, 保洁员), lower case,
    without punctuation, single characters, numbers or stop words; each word once, in order."""
    seen: dict[str, None] = {}
    for raw in _segmenter().cut_for_search(text or ""):
        token = raw.strip().lower()
        if len(token) < 2 or token in STOPWORDS or token.isdigit() or not _TOKEN_RE.match(token):
            continue
        seen.setdefault(token, None)
    return tuple(seen)


def pack_tokens(segments: Iterable[Iterable[str]]) -> str:
    """`` a b | c | d e `` — spaces around every token so ``LIKE '% a %'`` finds whole words."""
    return " " + " | ".join(" ".join(segment) for segment in segments) + " "


def unpack_tokens(text: str, count: int) -> list[frozenset[str]]:
    parts = (text or "").split("|")
    parts += [""] * (count - len(parts))
    return [frozenset(part.split()) for part in parts[:count]]


JOB_FIELDS = ("title", "occupation", "description")
SEEKER_FIELDS = ("desired", "skills", "certificates", "summary")


def job_match_tokens(*, title: str, description: str, occupation_name: str = "") -> str:
    return pack_tokens([text_tokens(title), text_tokens(occupation_name), text_tokens(description)])


def seeker_match_tokens(
    *, desired_titles: str, occupation_names: Iterable[str], skills: str, certificates: str, summary: str
) -> str:
    desired = list(text_tokens(desired_titles))
    for name in occupation_names:
        desired += [t for t in text_tokens(name) if t not in desired]
    return pack_tokens([desired, text_tokens(skills), text_tokens(certificates), text_tokens(summary)])


def job_token_fields(match_tokens: str) -> dict[str, frozenset[str]]:
    return dict(zip(JOB_FIELDS, unpack_tokens(match_tokens, len(JOB_FIELDS)), strict=True))


def seeker_token_fields(match_tokens: str) -> dict[str, frozenset[str]]:
    return dict(zip(SEEKER_FIELDS, unpack_tokens(match_tokens, len(SEEKER_FIELDS)), strict=True))


# --- reference data (small, read once per process) ---------------------------------------------


@lru_cache(maxsize=1)
def occupation_table() -> dict[str, tuple[str, str | None]]:
    from renshe.core.models import Occupation

    return {code: (name, parent) for code, name, parent in Occupation.objects.values_list("code", "name", "parent_id")}


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    from renshe.core.models import Region

    return dict(Region.objects.values_list("code", "name"))


def occupation_name(code: str | None) -> str:
    return occupation_table().get(code or "", ("", None))[0]


def occupations_related(desired: Iterable[str], job_occupation: str | None) -> str | None:
    """The desired occupation the job's occupation falls under (the same, or parent and child)."""
    if not job_occupation:
        return None
    table = occupation_table()
    job_parent = table.get(job_occupation, ("", None))[1]
    for code in desired:
        if code in (job_occupation, job_parent) or table.get(code, ("", None))[1] == job_occupation:
            return code
    return None


def region_name(code: str) -> str:
    return region_names().get(code, code)


@lru_cache(maxsize=1)
def occupation_words() -> dict[str, tuple[str, ...]]:
    """token → occupation codes whose name has it (the job's occupation field, title > occupation > description)."""
    words: dict[str, list[str]] = {}
    for code, (name, _parent) in occupation_table().items():
        for token in text_tokens(name):
            words.setdefault(token, []).append(code)
    return {t: tuple(c) for t, c in words.items()}
