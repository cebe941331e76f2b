from django.core.management.base import BaseCommand, CommandError

from renshe.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; report the first tampered row or that it is intact."

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if report.intact:
            self.stdout.write(self.style.SUCCESS(f"audit chain intact: {report.checked} rows verified"))
            return
        raise CommandError(
            f"audit chain broken at row seq={report.first_bad_seq}: {report.reason} "
            f"({report.checked} rows before it verified)"
        )
