"""Fetching a feed with conditional GET (ETag, Last-Modified) and a time limit.

The importer takes the fetcher as an argument, so tests (and the benchmark) give it
one that answers from fixtures or a local server: no test touches the network.
"""

import urllib.error
import urllib.request
from dataclasses import dataclass

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 15
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "Sakke calendar importer (+https://github.com/)"


class FetchError(Exception):
    """The feed could not be fetched (timeout, refused, an HTTP error); nothing changes."""


@dataclass
class FetchResult:
    status: int  # 200 or 304
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def fetch(url: str, *, etag: str = "", last_modified: str = "", timeout=TIMEOUT_SECONDS):
    """GET `url`, sending If-None-Match and If-Modified-Since when we have them."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FetchError(_("The calendar is larger than 5 MB."))
            return FetchResult(
                status=response.status,
                body=body,
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return FetchResult(status=304, etag=etag, last_modified=last_modified)
        message = _("The calendar's server answered %(status)s.") % {"status": error.code}
        raise FetchError(message) from error
    except TimeoutError as error:
        raise FetchError(_("The calendar's server did not answer in time.")) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise FetchError(_("The calendar's server did not answer in time.")) from error
        raise FetchError(_("The calendar could not be fetched: %s") % reason) from error
