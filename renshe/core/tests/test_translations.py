"""The English catalogue is complete, and English pages really come out in English.

The catalogue is read with a small parser of the .po format (no polib): every entry has its
msgstr (each plural form), none is fuzzy, and every placeholder of the msgid is kept.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.urls import reverse

PO_FILE = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.po"
# Later apps keep their own catalogue in renshe/<app>/locale (scripts/messages.sh extracts each one).
APP_PO_FILES = sorted(settings.BASE_DIR.glob("renshe/**/locale/en/LC_MESSAGES/django.po"))
ALL_PO_FILES = [PO_FILE, *APP_PO_FILES]
HAN = re.compile(r"[\u4e00-\u9fff]")
# %(name)s / %(n)d / %(size).1f, a bare %s / %d, and HTML tags
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|<[^<>]+>")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def python_format(self) -> bool:
        return "python-format" in self.flags


def parse_po(text: str) -> list[Entry]:
    """Entries of a .po file, the header (empty msgid) and obsolete (#~) entries left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish():
        if current is not None and current.msgid:
            entries.append(current)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is not None and target is not None and target[0] == "msgstr":
                finish()
                current, target = None, None
            if line.startswith("#,"):
                current = current or Entry(line=number)
                current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            assert target is not None, f"line {number}: a continuation outside an entry"
            value = ast.literal_eval(line)
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        if keyword in ("msgctxt", "msgid") and (current is None or (target is not None and target[0] == "msgstr")):
            finish()
            current = Entry(line=number)
        elif current is None:
            current = Entry(line=number)
        value = ast.literal_eval(rest)
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword != "msgstr" else 0
            current.msgstr[index] = value
            target = ("msgstr", index)
        elif keyword in ("msgctxt", "msgid", "msgid_plural"):
            setattr(current, keyword, value)
            target = (keyword, None)
        else:
            raise AssertionError(f"line {number}: unexpected {keyword!r}")
    finish()
    return entries


@pytest.fixture(scope="module")
def project_catalogue() -> list[Entry]:
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=ALL_PO_FILES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def catalogue(request) -> list[Entry]:
    return parse_po(request.param.read_text(encoding="utf-8"))


def test_every_app_catalogue_is_found():
    assert len(APP_PO_FILES) >= 7, APP_PO_FILES


def test_the_parser_reads_plurals_contexts_flags_and_continuations():
    sample = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "共 %(n)s 条"\nmsgstr ""\n"%(n)s "\n"items"\n\n'
        'msgctxt "button"\nmsgid "登录"\nmsgstr "Log in"\n\n'
        'msgid "%(n)s 条未读"\nmsgid_plural "%(n)s 条未读"\nmsgstr[0] "%(n)s unread"\nmsgstr[1] ""\n\n'
        '#~ msgid "旧"\n#~ msgstr "Old"\n'
    )
    first, second, third = parse_po(sample)
    assert (first.msgid, first.msgstr, first.flags) == ("共 %(n)s 条", {0: "%(n)s items"}, {"fuzzy", "python-format"})
    assert (second.msgctxt, second.msgid, second.msgstr, second.flags) == ("button", "登录", {0: "Log in"}, set())
    assert third.msgid_plural == "%(n)s 条未读" and third.msgstr == {0: "%(n)s unread", 1: ""}


def test_the_catalogue_covers_the_interface(project_catalogue):
    assert len(project_catalogue) > 900
    assert any(e.msgid == "登录" for e in project_catalogue)
    assert any(e.msgid_plural for e in project_catalogue)


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    problems = []
    for e in catalogue:
        forms = 2 if e.msgid_plural else 1
        if "fuzzy" in e.flags:
            problems.append(f"line {e.line}: fuzzy: {e.msgid!r}")
        if sorted(e.msgstr) != list(range(forms)) or not all(s.strip() for s in e.msgstr.values()):
            problems.append(f"line {e.line}: untranslated: {e.msgid!r}")
    assert not problems, "\n".join(problems)


def test_translations_keep_every_placeholder_and_leave_no_chinese(catalogue):
    problems = []
    for e in catalogue:
        formatted = e.python_format or "<" in e.msgid
        wanted = sorted(PLACEHOLDER.findall(e.msgid))
        for s in e.msgstr.values():
            if formatted and sorted(PLACEHOLDER.findall(s)) != wanted:
                problems.append(f"line {e.line}: placeholders differ: {e.msgid!r} → {s!r}")
            # 休/班 are what an administrator types into the holiday form; 填写说明 names the
            # template's sheet, which stays Chinese: the only Chinese an English string may quote.
            if HAN.search(re.sub(r"休|班|元旦|春节调休|填写说明", "", s)):
                problems.append(f"line {e.line}: Chinese left in {s!r}")
    assert not problems, "\n".join(problems)


# --- pages --------------------------------------------------------------------------------


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _h1(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert match, "no <h1>"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.django_db
def test_login_page_in_english_and_in_chinese_by_default(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert _h1(body) == "登录"
    assert '<html lang="zh-CN">' in body

    body = _english(client).get(reverse("accounts:login")).content.decode()
    assert _h1(body) == "Log in"
    assert '<html lang="en">' in body
    assert "Register as an individual" in body and "Register as an employer" in body
    assert "登录" not in body and "个人注册" not in body


@pytest.mark.django_db
def test_portal_in_english_and_in_chinese_by_default(client):
    body = client.get(reverse("core:portal")).content.decode()
    assert "服务导航" in body and "就业创业" in body

    body = _english(client).get(reverse("core:portal")).content.decode()
    assert _h1(body) == "Maoming Human Resources and Social Security · One-stop online services"
    for heading in ("Services", "Employment and entrepreneurship", "Social insurance", "Social security card"):
        assert heading in body
    assert "Maoming Human Resources and Social Security Bureau" in body  # the footer
    for chinese in ("服务导航", "就业创业", "社会保险", "登录", "个人注册"):
        assert chinese not in body


@pytest.mark.django_db
def test_the_language_switch_sets_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302
    assert _h1(client.get(reverse("accounts:login")).content.decode()) == "Log in"
    client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("accounts:login")})
    assert _h1(client.get(reverse("accounts:login")).content.decode()) == "登录"


@pytest.mark.django_db
def test_workbench_navigation_in_english(client, clerk_maonan):
    client.force_login(clerk_maonan)
    body = _english(client).get(reverse("core:workbench")).content.decode()
    nav = re.search(r'<nav class="nav flex-column.*?</nav>', body, re.S).group(0)
    for label in ("Workbench", "Home", "Registry", "People", "Employers", "Case queue", "Counter applications"):
        assert f">{label}<" in nav
    assert not HAN.search(re.sub(r"<[^>]+>", "", nav)), nav
    assert "Counter clerk" in body  # the role badge
