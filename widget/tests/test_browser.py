"""A site on another origin embeds the widget in Chromium, as a script and as a frame;
the widget renders the events and passes axe-core, and other pages refuse the frame."""

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from core.tests.browser import LANGUAGES, axe_violations, describe_violations, localized_path
from events.tests.factories import EventFactory

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A municipality's website</title>
<style>body {{ font-family: Georgia, serif; }}</style></head>
<body><main>
<h1>Kunnan kotisivu</h1>
<div id="by-script" data-sakke-widget data-count="3" data-language="fi"></div>
<script src="{sakke}/widget.js" async></script>
<iframe id="widget-frame" title="Tapahtumat" src="{sakke}{frame}?count=3" width="400" height="300">
</iframe>
<iframe id="normal-page" title="Sakke" src="{sakke}/fi/" width="400" height="300"></iframe>
</main></body></html>
"""


@pytest.fixture
def other_origin(live_server):
    """A second local port serving a page that embeds the widget both ways."""
    page = HOST_PAGE.format(sakke=live_server.url, frame=localized_path("widget:frame", "fi"))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def three_events(transactional_db):
    now = timezone.now()
    for n, name in enumerate(["Kevätkonsertti", "Tuolijumppa", "Lukupiiri", "Myöhemmin"]):
        EventFactory(name_fi=name, start_time=now + dt.timedelta(days=n + 1))


def test_another_site_embeds_the_widget_and_cannot_frame_other_pages(
    open_page, other_origin, three_events
):
    page = open_page()
    page.goto(other_origin, wait_until="load")

    # The script: three events, soonest first, in the host page's font.
    items = page.locator("#by-script li")
    items.first.wait_for()
    assert items.count() == 3
    assert items.first.get_by_role("link").inner_text() == "Kevätkonsertti"
    font = page.locator("#by-script a").first.evaluate("a => getComputedStyle(a).fontFamily")
    assert "Georgia" in font
    assert page.get_by_role("heading", name="Tulevat tapahtumat").is_visible()
    # No cookie set for the widget's origin.
    assert page.context.cookies() == []

    # The frame renders the same events.
    frame = page.frame_locator("#widget-frame")
    assert frame.get_by_role("link", name="Tuolijumppa").is_visible()
    assert frame.locator("li").count() == 3

    # An ordinary page refuses to be framed: Chromium shows its error page instead.
    normal = next(f for f in page.frames if f != page.main_frame and "kehys" not in f.url)
    assert normal.url.startswith("chrome-error://"), normal.url

    violations = axe_violations(page)
    assert not violations, describe_violations(violations, other_origin)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_widget_pages_have_no_accessibility_violations(page, three_events, lang):
    for path in (
        localized_path("widget:frame", lang),
        localized_path("widget:builder", lang) + "?kind=events&count=3",
    ):
        response = page.goto(path)
        assert response.ok, path
        violations = axe_violations(page)
        assert not violations, describe_violations(violations, path)
