"""Every model change has its migration (a missing one would surface only on the next makemigrations)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration(capsys):
    call_command("makemigrations", "--check", "--dry-run")  # exits with status 1 when one is missing
    assert "No changes detected" in capsys.readouterr().out
