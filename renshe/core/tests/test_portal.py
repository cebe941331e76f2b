"""The public portal links each user to the services that are theirs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _labour_links(client) -> set[str]:
    body = client.get(reverse("core:portal")).content.decode()
    block = re.search(r'data-testid="labour-tiles">(.*?)</div>\s*<h2', body, re.S).group(1)
    return set(re.findall(r'href="([^"]+)"', block))


def test_anyone_sees_the_published_lists():
    from django.test import Client

    links = _labour_links(Client())
    assert links == {
        reverse("labour:published_awards"),
        reverse("inspection:public_draws"),
        reverse("contracts:public_blacklist"),
        reverse("contracts:public_licences"),
    }


def test_a_citizen_also_sees_mediation_arbitration_complaints_and_wages(client, citizen):
    client.force_login(citizen)
    links = _labour_links(client)
    for name in ("mediation:my_cases", "labour:my_cases", "inspection:my_list", "wages:worker_home"):
        assert reverse(name) in links
    assert reverse("wages:my_projects") not in links


def test_an_employer_also_sees_its_projects_and_contracts(client, employer_user):
    client.force_login(employer_user)
    links = _labour_links(client)
    mine = {"wages:my_projects", "contracts:my_contracts", "labour:my_cases", "mediation:my_cases"}
    assert {reverse(name) for name in mine} <= links
    assert reverse("inspection:my_list") not in links
    for public in ("labour:published_awards", "contracts:public_blacklist"):
        assert client.get(reverse(public)).status_code == 200
