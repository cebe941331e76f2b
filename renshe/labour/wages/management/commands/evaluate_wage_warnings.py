"""Evaluate every active construction project against the wage warnings W1–W9.

A thin command over ``renshe.labour.wages.services_warnings.wage_warnings_evaluate`` (also scheduled in
Celery beat as ``renshe.labour.wages.tasks.wage_warnings_evaluate``). Safe to run twice.
"""

from renshe.core.periodic import PeriodicCommand
from renshe.labour.wages.services_warnings import wage_warnings_evaluate


class Command(PeriodicCommand):
    help = "Open wage-arrears warnings for projects whose condition holds; close those that cleared."
    lock_key = "wages:evaluate_wage_warnings:lock"
    start_message = "evaluating construction projects …"

    def run(self, *, today, **options):
        return wage_warnings_evaluate(today=today)
