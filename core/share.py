"""Sharing a page: plain share addresses (no third-party scripts) and a generated card image.

Social media show a link with its Open Graph image. Events and associations seldom have
a picture of the right shape, so the service draws a tidy card: the site's colours,
the title, and a few lines (date, place), 1200 × 630 px as Facebook and others expect.
"""

import hashlib
import io
import textwrap
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
BRAND = (11, 74, 125)  # --brand of site.css
BRAND_DARK = (7, 48, 79)
WHITE = (255, 255, 255)
WASH = (230, 240, 248)
CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class ShareLink:
    label: str
    url: str
    service: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Where a page can be shared with a plain link: e-mail and the platforms associations use."""
    text = f"{title} {url}"
    return [
        ShareLink(
            _("E-mail"),
            "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
            "email",
        ),
        ShareLink(
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            "facebook",
        ),
        ShareLink("WhatsApp", "https://wa.me/?" + urlencode({"text": text}), "whatsapp"),
        ShareLink("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title}), "x"),
        ShareLink(
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
            "linkedin",
        ),
    ]


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled font: no system fonts needed on the server.
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """The text in lines that fit `width` pixels, the last one ending in … if cut."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) <= width:
            line = f"{line} {words.pop(0)}"
        if draw.textlength(line, font=font) > width:  # one very long word
            line = textwrap.shorten(line, width=40, placeholder="…")
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def _drawable(text: str) -> str:
    # The bundled font has Latin letters (ä, ö, å) but no typographic dashes.
    return text.replace("–", "-").replace("—", "-")


def render_share_card(*, title: str, lines: list[str], site: str, kicker: str = "") -> bytes:
    """A 1200 × 630 PNG with the title large and up to three short lines under it."""
    image = Image.new("RGB", CARD_SIZE, BRAND)
    draw = ImageDraw.Draw(image)
    margin = 72
    width = CARD_SIZE[0] - 2 * margin
    footer_top = CARD_SIZE[1] - 110
    draw.rectangle([0, footer_top, CARD_SIZE[0], CARD_SIZE[1]], fill=BRAND_DARK)
    y = 60
    if kicker:
        draw.text((margin, y), _drawable(kicker).upper(), font=_font(32), fill=WASH)
        y += 52
    lines = [_drawable(line) for line in lines[:3] if line]
    title_font = _font(64)
    # Three title lines leave room for two lines under it, two for three.
    title_lines = 3 if len(lines) <= 2 else 2
    for line in _wrap(draw, _drawable(title), title_font, width, max_lines=title_lines):
        draw.text((margin, y), line, font=title_font, fill=WHITE)
        y += 76
    y += 16
    line_font = _font(36)
    for text in lines:
        for line in _wrap(draw, text, line_font, width, max_lines=1):
            draw.text((margin, y), line, font=line_font, fill=WASH)
            y += 48
    draw.text((margin, footer_top + 30), _drawable(site), font=_font(44), fill=WHITE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cached_share_card(*, key_parts: tuple, **card) -> bytes:
    """The card from the cache, drawn once per version of the object (its key parts)."""
    digest = hashlib.sha256(repr((key_parts, sorted(card.items()))).encode()).hexdigest()
    key = f"share-card:{digest}"
    png = cache.get(key)
    if png is None:
        png = render_share_card(**card)
        cache.set(key, png, CACHE_SECONDS)
    return png


def share_card_response(*, obj, title: str, lines: list[str], kicker: str):
    """An HTTP response with the object's card, cached per version and language."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.utils import translation
    from django.utils.cache import patch_cache_control

    key_parts = (type(obj).__name__, obj.pk, str(obj.updated_at), translation.get_language())
    png = cached_share_card(
        key_parts=key_parts, title=title, lines=lines, kicker=kicker, site=settings.SAKKE_SITE_NAME
    )
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response
