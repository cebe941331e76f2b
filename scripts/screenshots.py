"""Take the README screenshots with Debian's Chromium: ``.venv/bin/python scripts/screenshots.py``.

Builds a throwaway SQLite database (migrations, then a dozen people of 茂南区, two employers and a
citizen), serves it with ``runserver`` on a free port, signs in as the personas of
``renshe.testing`` and writes:

    docs/screenshots/workbench.png       1440×900, a 茂南区 clerk on the person list
    docs/screenshots/person-detail.png   1440×900, one person's record (masked) with employment
    docs/screenshots/portal-mobile.png   390×844, a citizen's portal on a phone

Exits non-zero if a page logs a console error (a CSP violation, a missing file, a script error).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# 茂南区 residents: name, female, born, town, phone, education, tags.
PEOPLE = [
    ("陈志强", False, date(1985, 4, 12), "440902001", "13802561234", "31", []),
    ("李秀英", True, date(1972, 9, 3), "440902002", "13612874521", "71", ["employment_difficulty"]),
    ("黄伟明", False, date(1998, 1, 27), "440902003", "15018963370", "21", ["graduate"]),
    ("梁嘉欣", True, date(2001, 6, 18), "440902005", "13726480915", "21", ["graduate"]),
    ("吴国华", False, date(1968, 11, 30), "440902100", "13539026688", "61", ["rural_labour"]),
    ("林晓燕", True, date(1990, 3, 8), "440902006", "18927715302", "31", []),
    ("何家豪", False, date(1993, 12, 21), "440902101", "13420987765", "41", ["veteran"]),
    ("杨丽萍", True, date(1987, 7, 15), "440902007", "15917364280", "61", ["migrant_worker"]),
    ("张建国", False, date(1965, 2, 2), "440902102", "13005621879", "71", ["rural_labour"]),
    ("冯雪梅", True, date(1996, 10, 9), "440902008", "13690254417", "14", []),
    ("罗俊杰", False, date(1999, 5, 23), "440902104", "18820563391", "41", ["disabled"]),
    ("郑美玲", True, date(1983, 8, 31), "440902003", "13556702286", "31", ["poverty_alleviated"]),
]


def seed() -> None:
    from renshe import testing
    from renshe.accounts.models import Role
    from renshe.registry.models import Person
    from renshe.registry.services import employment_start

    clerk = testing.staff("clerk_maonan", Role.CLERK, "440902")
    testing.citizen(name="张三", region=testing.MAONAN_TOWN, phone="13800138000")
    petro = testing.employer(
        name="茂名市南海石化设备有限公司", region="440902001", industry="C", size="medium", actor=clerk
    )
    shop = testing.employer(name="茂名市好运来商贸有限公司", region="440902005", industry="F", actor=clerk)
    for name, female, born, town, phone, education, tags in PEOPLE:
        testing.person(
            name=name,
            region=town,
            id_number=testing.id_number("440902", born, female=female),
            phone=phone,
            education=education,
            tags=tags,
            address="油城路" if town.endswith("001") else "",
            actor=clerk,
        )
    chen = Person.objects.get(name="陈志强")
    employment_start(
        actor=clerk,
        person=chen,
        employer=petro,
        start_date=date(2019, 3, 1),
        contract_type="open",
        position="设备维修工",
    )
    employment_start(
        actor=clerk,
        person=Person.objects.get(name="林晓燕"),
        employer=shop,
        start_date=date(2023, 7, 10),
        contract_type="fixed",
        position="收银员",
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shoot(base_url: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    from renshe.testing import PASSWORD

    errors: list[str] = []
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)

        def new_page(width: int, height: int, **extra):
            context = browser.new_context(
                base_url=base_url, viewport={"width": width, "height": height}, locale="zh-CN", **extra
            )
            page = context.new_page()
            page.on(
                "console",
                lambda m: (
                    m.type == "error"
                    and not m.location.get("url", "").endswith("/favicon.ico")
                    and errors.append(f"{page.url}: {m.text}")
                ),
            )
            page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
            return page

        desk = new_page(1440, 900)
        login(desk, "clerk_maonan", PASSWORD)
        desk.goto("/registry/persons/")
        desk.get_by_test_id("person-table").wait_for()
        desk.screenshot(path=OUT / "workbench.png")
        print("wrote", OUT / "workbench.png")

        desk.get_by_role("row").filter(has_text="陈志强").get_by_role("link", name="查看").click()
        desk.get_by_test_id("id-number").wait_for()
        desk.screenshot(path=OUT / "person-detail.png")
        print("wrote", OUT / "person-detail.png")

        phone = new_page(390, 844, is_mobile=True, has_touch=True)
        login(phone, "citizen_zs", PASSWORD)
        phone.get_by_test_id("my-record").wait_for()
        phone.screenshot(path=OUT / "portal-mobile.png")
        print("wrote", OUT / "portal-mobile.png")
        browser.close()
    return errors


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="renshe-shots-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "renshe.settings",
            "DATABASE_URL": f"sqlite:///{tmp}/screenshots.sqlite3",
            "RENSHE_TESTING": "1",  # fast password hashing for the personas
        }
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        seed()

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(base_url + "/healthz")
            errors = shoot(base_url)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for error in errors:
        print("console error:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
