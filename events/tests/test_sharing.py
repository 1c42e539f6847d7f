"""An event and an association can be shared: plain share links, Open Graph and Twitter
card tags, and a generated 1200 × 630 card image, drawn once and then cached."""

import io
import re
from urllib.parse import quote_plus

import pytest
from django.core.cache import cache
from django.utils import translation
from PIL import Image

from events.tests.factories import EventFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def og(html: str, prop: str) -> str:
    found = re.search(rf'<meta property="og:{prop}" content="([^"]*)"', html)
    assert found, f"no og:{prop}"
    return found.group(1)


def test_an_event_page_has_open_graph_tags_with_a_card_image_that_answers(client):
    event = EventFactory(name_fi="Runoilta kirjastossa")

    page = client.get(event.get_absolute_url())

    assert og(page.text, "title").startswith("Runoilta kirjastossa")
    assert og(page.text, "url") == "http://testserver" + event.get_absolute_url()
    assert 'name="twitter:card" content="summary_large_image"' in page.text
    image = client.get(og(page.text, "image").removeprefix("http://testserver"))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (1200, 630)


def test_an_association_page_offers_share_links_without_third_party_scripts(client):
    association = OrganizationFactory(name_fi="Kuopion Kuoro ry")

    page = client.get(association.get_absolute_url()).text

    address = quote_plus("http://testserver" + association.get_absolute_url())
    assert f"https://www.facebook.com/sharer/sharer.php?u={address}" in page
    assert "https://wa.me/?text=" in page
    assert 'href="mailto:?subject=Kuopion%20Kuoro%20ry' in page
    assert 'value="http://testserver' + association.get_absolute_url() + '" readonly' in page
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_the_card_image_is_drawn_once_and_again_after_an_edit(client, monkeypatch):
    cache.clear()
    association = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    with translation.override("fi"):
        path = association.get_absolute_url() + "share.png"
    drawn = []
    import core.share

    original = core.share.render_share_card
    monkeypatch.setattr(
        core.share, "render_share_card", lambda **card: drawn.append(card) or original(**card)
    )

    client.get(path)
    client.get(path)
    assert len(drawn) == 1
    assert drawn[0]["title"] == "Kuopion Kuoro ry"

    association.name_fi = "Kuopion Sekakuoro ry"
    association.save()
    client.get(path)
    assert len(drawn) == 2 and drawn[1]["title"] == "Kuopion Sekakuoro ry"


def test_a_long_title_wraps_within_the_card():
    from core.share import render_share_card

    png = render_share_card(
        title="Pohjois-Savon " * 20, lines=["Lauantai 5.12.2026 18.00"], site="Sakke"
    )
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_an_event_with_its_own_picture_shares_that_picture_with_its_description(client):
    from django.core.files.base import ContentFile

    event = EventFactory(name_fi="Kevätkonsertti", image_alt_fi="Kuoro laulaa lavalla")
    event.image.save("konsertti.png", ContentFile(png_bytes()), save=True)

    page = client.get(event.get_absolute_url()).text

    assert og(page, "image") == "http://testserver" + event.image.url
    assert '<meta property="og:image:alt" content="Kuoro laulaa lavalla">' in page
    assert f'<img class="detail__image" src="{event.image.url}" alt="Kuoro laulaa lavalla">' in page


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    return out.getvalue()
