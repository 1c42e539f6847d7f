"""A crawl of the public site from the home page, on a 375 px phone: every page it reaches
fits the screen (no sideways scroll) and every image on it loads."""

from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.files.base import ContentFile

from core.tests.browser import localized_path
from events.tests.factories import EventFactory

from .test_phone_layout import SMALL_PHONE, WIDEST_ELEMENTS, page_width_overflow

pytestmark = pytest.mark.browser

MAX_PAGES = 60
#: Not pages for a person: the API, feeds, files, the admin, and forms that sign in or out.
SKIP = ("/api/", "/admin/", "/media/", "/static/", ".ics", ".xml", ".rss", ".csv", ".pdf")

# The site's own images; other sites (map tiles) are cut off in the browser tests.
BROKEN_IMAGES = """() => [...document.images]
  .filter((img) => (img.currentSrc || img.src).startsWith(location.origin))
  .filter((img) => !img.complete || img.naturalWidth === 0)
  .map((img) => img.currentSrc || img.src)"""


def same_site_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        href = urldefrag(href).url
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue  # other sites, and filter or page variants of a page already listed
        if any(skip in parts.path for skip in SKIP):
            continue
        found.append(parts.path)
    return found


def test_every_page_a_crawl_reaches_fits_a_phone_and_its_images_load(
    open_page, live_server, north_savo
):
    picture = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
        b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    event = EventFactory(name_fi="Kuvallinen tapahtuma", image_alt_fi="Kuoro laulaa")
    event.image.save("kuva.png", ContentFile(picture), save=True)

    page = open_page(**SMALL_PHONE)
    start = localized_path("core:home", "fi")
    queue, seen, problems = [start, event.get_absolute_url()], set(), []
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if not response.ok or "text/html" not in response.headers.get("content-type", ""):
            if not response.ok and response.status != 404:
                problems.append(f"{path}: {response.status}")
            continue
        overflow = page_width_overflow(page)
        if overflow > 0:
            culprits = ", ".join(page.evaluate(WIDEST_ELEMENTS))
            problems.append(f"{path}: {overflow} px too wide ({culprits})")
        problems += [f"{path}: broken image {src}" for src in page.evaluate(BROKEN_IMAGES)]
        queue += [link for link in same_site_links(page, live_server.url) if link not in seen]
    assert len(seen) >= 20, seen  # the crawl really went round the site
    assert event.get_absolute_url() in seen
    assert not problems, "\n".join(problems)
