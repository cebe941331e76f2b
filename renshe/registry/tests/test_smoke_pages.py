import pytest
from django.urls import reverse

from renshe import testing


@pytest.mark.django_db
def test_clerk_searches_by_initials_and_sees_only_own_district(client, clerk_maonan, maonan_person, gaozhou_person):
    client.force_login(clerk_maonan)
    response = client.get(reverse("registry:person_list"), {"q": "zs"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "张三" in body
    assert "李四" not in body
    assert client.get(reverse("registry:person_detail", args=[gaozhou_person.pk])).status_code == 404
    assert client.get(reverse("registry:person_detail", args=[maonan_person.pk])).status_code == 200
    assert testing.PASSWORD
