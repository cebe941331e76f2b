"""``manage.py seed_demo --scale small|city [--seed N]``: the demo city and the demo accounts.

After the city, every domain app's ``demo.demo_seed(scale=, progress=)`` adds that module's demo
records (jobs, cases, projects, …) — each idempotent. At city scale they are skipped unless
``--modules`` asks for them: the bench generates its own module data where it measures it.

Run by ``make run`` on every start: the second run finds the data already there, creates only
missing demo accounts, and prints the account table again.
"""

from __future__ import annotations

import argparse

from django.core.management.base import BaseCommand, CommandError

from renshe.registry import demo


class Command(BaseCommand):
    help = "生成茂名演示城市（人员、单位、就业关系）和演示账号；可重复运行，不会重复生成"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(demo.SCALES), default="small")
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, help="随机种子：相同种子生成相同数据")
        parser.add_argument("--people", type=int, default=None, help="覆盖该规模的人数（用于基准测试的快速试跑）")
        parser.add_argument("--employers", type=int, default=None, help="覆盖该规模的单位数")
        parser.add_argument(
            "--modules",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="是否生成各业务模块的演示数据（默认：small 生成，city 不生成，由 make bench 各阶段自行生成）",
        )

    def handle(self, *args, scale, seed, people, employers, modules, **options):
        for name, value in (("--people", people), ("--employers", employers)):
            if value is not None and value < 0:
                raise CommandError(f"{name} 不能为负数")
        size = demo.SCALES[scale]
        if demo.demo_marker() is None:
            self.stdout.write(
                f"生成演示城市（{scale}，seed {seed}）：{people if people is not None else size.people:,} 人，"
                f"{employers if employers is not None else size.employers:,} 家单位…"
            )
        try:
            result = demo.seed_demo(
                scale=scale,
                seed=seed,
                people=people,
                employers=employers,
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except demo.DemoSeedConflict as exc:
            raise CommandError(str(exc)) from None
        counts = result.counts
        summary = (
            f"{counts['persons']:,} 人，{counts['employers']:,} 家单位，{counts['employments']:,} 条就业关系，"
            f"{counts['person_tags']:,} 个人员标签"
        )
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"演示城市已生成：{summary}（{result.seconds:.1f} 秒）"))
        else:
            self.stdout.write(f"演示城市已存在（{result.scale}，seed {result.seed}：{summary}），未重复生成。")
        if modules is None:
            modules = scale != "city"
        for label, seed_module in demo.module_seeders() if modules else []:
            self.stdout.write(f"  {label}…")
            seed_module(scale=scale, progress=lambda message: self.stdout.write(f"    {message}"))
        self.stdout.write("")
        self.stdout.write("演示账号（密码见 DEMO_PASSWORD）：")
        self.stdout.write(demo.accounts_table(result.accounts))
        extra = demo.module_accounts(result.accounts)
        if extra:
            self.stdout.write("")
            self.stdout.write("各业务模块的演示账号：")
            self.stdout.write(demo.accounts_table(extra))
        self.stdout.write("")
