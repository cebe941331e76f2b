import pytest
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role, User


@pytest.mark.django_db
def test_city_admin_creates_a_staff_account_in_a_district(client, city_admin):
    client.force_login(city_admin)
    unit = testing.org_unit("440902")
    response = client.post(
        reverse("accounts:user_new"),
        {
            "username": "clerk_new",
            "display_name": "王小明",
            "role": Role.CLERK,
            "org_unit": unit.pk,
            "password": "Abcdef1!x",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="clerk_new")
    assert user.role == Role.CLERK and user.region.code == "440902"
    assert user.groups.filter(name=Role.CLERK).exists()
    assert user.has_perm("registry.view_person")


@pytest.mark.django_db
def test_weak_password_and_duplicate_username_are_refused(client, city_admin, clerk_maonan):
    client.force_login(city_admin)
    unit = testing.org_unit("440902")
    weak = client.post(
        reverse("accounts:user_new"),
        {
            "username": "clerk_weak",
            "display_name": "甲",
            "role": Role.CLERK,
            "org_unit": unit.pk,
            "password": "abcdefgh",
        },
    )
    assert weak.status_code == 400
    assert "至少3类" in weak.content.decode()
    duplicate = client.post(
        reverse("accounts:user_new"),
        {
            "username": "clerk_maonan",
            "display_name": "乙",
            "role": Role.CLERK,
            "org_unit": unit.pk,
            "password": "Abcdef1!x",
        },
    )
    assert duplicate.status_code == 400
    assert "已被使用" in duplicate.content.decode()
    assert not User.objects.filter(username="clerk_weak").exists()


@pytest.mark.django_db
def test_district_admin_cannot_create_accounts_in_another_district(client):
    admin_maonan = testing.staff("admin_maonan", Role.ADMIN, "440902")
    gaozhou_unit = testing.org_unit("440981")
    client.force_login(admin_maonan)
    response = client.post(
        reverse("accounts:user_new"),
        {
            "username": "x_clerk",
            "display_name": "丙",
            "role": Role.CLERK,
            "org_unit": gaozhou_unit.pk,
            "password": "Abcdef1!x",
        },
    )
    assert response.status_code == 400  # the 高州 unit is not even offered
    assert not User.objects.filter(username="x_clerk").exists()
    listing = client.get(reverse("accounts:user_list"))
    assert "admin_maonan" in listing.content.decode()


@pytest.mark.django_db
def test_clerk_cannot_manage_accounts(client, clerk_maonan):
    client.force_login(clerk_maonan)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.post(reverse("accounts:user_new"), {"username": "y"}).status_code == 403
