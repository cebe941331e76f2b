"""Every guide, application form and bundle of the bureau's real catalogue renders."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe.catalog.data import catalogue
from renshe.catalog.models import Bundle, ServiceItem
from renshe.catalog.services import catalogue_load

pytestmark = pytest.mark.django_db


def test_every_item_and_bundle_of_the_real_catalogue_renders(client, citizen):
    catalogue_load(items=catalogue.ITEMS, bundles=catalogue.BUNDLES)
    client.force_login(citizen)
    body = client.get(reverse("catalog:catalogue")).content.decode()
    assert "失业登记" in body and 'data-testid="bundles"' in body
    for item in ServiceItem.objects.select_related("current_version"):
        guide = client.get(reverse("catalog:guide", args=[item.code]))
        assert guide.status_code == 200, item.code
        apply = client.get(reverse("catalog:apply", args=[item.code]))
        online = {"web", "mobile"} & set(item.current_version.channels)
        assert apply.status_code == (200 if online else 403), item.code
    for bundle in Bundle.objects.all():
        assert client.get(reverse("catalog:bundle", args=[bundle.code])).status_code == 200, bundle.code
        assert client.get(reverse("catalog:bundle_apply", args=[bundle.code])).status_code in (200, 403), bundle.code
