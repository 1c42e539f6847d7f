"""The coordinator sees the e-mail styled, as it will be sent, in a frame on the issue page."""

import pytest

from core.tests.browser import localized_path
from newsletter.tests.factories import IssueFactory, OfferFactory
from selfservice.tests.factories import coordinator
from selfservice.tests.test_browser import signed_in

pytestmark = pytest.mark.browser


def test_the_preview_frame_shows_the_email_with_its_styles(open_page, live_server):
    issue = IssueFactory(title_fi="Joulukuun uutiskirje")
    OfferFactory(issue=issue, title="Kuoro hakee laulajia")
    page = signed_in(open_page, live_server, coordinator())
    refused = []
    page.on("console", lambda message: "Refused" in message.text and refused.append(message.text))

    page.goto(localized_path("newsletter:issue", "fi", pk=issue.pk))
    frame = page.frame_locator("iframe.newsletter-preview")
    body = frame.locator("body")
    body.get_by_text("Kuoro hakee laulajia").wait_for()

    # The e-mail's inline style paints the background; a blocked style would leave it clear.
    background = body.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background == "rgb(243, 245, 247)"
    assert not refused, refused
