"""The default fetcher against a local HTTP server: conditional GET, timeouts, errors."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from importers.fetching import FetchError, fetch

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow.ics":
            time.sleep(2)
            return  # the client has given up by now
        if self.path == "/missing.ics":
            self.send_error(404)
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("ETag", '"v1"')
        self.send_header("Last-Modified", "Mon, 01 Mar 2027 10:00:00 GMT")
        self.send_header("Content-Length", str(len(CALENDAR)))
        self.end_headers()
        try:
            self.wfile.write(CALENDAR)
        except BrokenPipeError:  # the client gave up waiting (the timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_first_fetch_gets_the_calendar_and_its_validators(server):
    result = fetch(f"{server}/feed.ics")

    assert result.status == 200
    assert result.body == CALENDAR
    assert (result.etag, result.last_modified) == ('"v1"', "Mon, 01 Mar 2027 10:00:00 GMT")


def test_a_fetch_with_the_etag_gets_a_304_without_a_body(server):
    result = fetch(f"{server}/feed.ics", etag='"v1"', last_modified="x")

    assert result.status == 304
    assert result.body == b""
    assert result.etag == '"v1"'


def test_a_server_that_does_not_answer_in_time_is_a_fetch_error(server):
    with pytest.raises(FetchError, match="in time"):
        fetch(f"{server}/slow.ics", timeout=0.2)


def test_an_http_error_is_a_fetch_error_naming_the_status(server):
    with pytest.raises(FetchError, match="404"):
        fetch(f"{server}/missing.ics")
