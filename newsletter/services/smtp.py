"""One SMTP transaction at a time, with a fence before the end of the message.

smtplib's sendmail() sends the message and its terminating "." in one go. Here the
body goes first, then `fence()` records in the database that the message is being
handed over (and checks that this worker still holds the delivery), and only then the
"." that makes the server accept it. A worker that dies before the fence leaves a
delivery that is safe to send again: a server never delivers a message whose "." it did
not get. See docs/newsletter.md, "Exactly once".
"""

import dataclasses
import re
import smtplib
import socket
from collections.abc import Callable

from django.conf import settings
from django.core.mail import get_connection

_EOL = re.compile(rb"\r\n|\n|\r")
_LEADING_DOT = re.compile(rb"(?m)^\.")


@dataclasses.dataclass
class Result:
    outcome: str  # "sent", "temporary", "permanent" or "fenced"
    response: str = ""


def _response(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"[:500]


def _failure(code: int, text) -> Result:
    outcome = "permanent" if 500 <= code < 600 else "temporary"
    return Result(outcome, _response(code, text))


def uses_smtp() -> bool:
    return settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"


class Transport:
    """Sends messages over one reused connection of Django's e-mail backend (EMAIL_URL)."""

    def __init__(self):
        self.backend = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT or 60)
        self.smtp: smtplib.SMTP | None = None
        self.in_data = False

    def close(self):
        if self.in_data and self.smtp is not None:
            # Mid-message: no QUIT (it would count as message text); drop the connection.
            self.smtp.close()
            self.backend.connection = None
        try:
            self.backend.close()
        except Exception:  # a dropped connection is already closed
            pass
        self.smtp = None
        self.in_data = False

    def _connection(self) -> smtplib.SMTP:
        if self.smtp is None:
            self.backend.open()
            self.smtp = self.backend.connection
            # The message and its final "." go in separate writes; without this, Nagle's
            # algorithm and delayed ACKs hold each "." back for tens of milliseconds.
            self.smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.smtp.ehlo_or_helo_if_needed()
        return self.smtp

    def send(self, outgoing, fence: Callable[[], bool]) -> Result:
        """Send a rendering.Outgoing; the fence runs just before the message is complete."""
        if not uses_smtp():
            # Console, file and test backends have no "." to hold back.
            if not fence():
                return Result("fenced")
            self.backend.send_messages([outgoing.build()])
            return Result("sent", f"accepted by {settings.EMAIL_BACKEND}")
        try:
            return self._send_smtp(outgoing, fence)
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            return Result("temporary", str(error)[:500])

    def _send_smtp(self, outgoing, fence) -> Result:
        smtp = self._connection()
        sender = outgoing.sender
        options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else []
        code, text = smtp.mail(sender, options)
        if code != 250:
            smtp.rset()
            return _failure(code, text)
        code, text = smtp.rcpt(outgoing.recipient)
        if code not in (250, 251):
            smtp.rset()
            return _failure(code, text)
        smtp.putcmd("data")
        code, text = smtp.getreply()
        if code != 354:
            smtp.rset()
            return _failure(code, text)
        self.in_data = True
        data = outgoing.data or outgoing.build().message().as_bytes(linesep="\r\n")
        body = _EOL.sub(b"\r\n", data)
        body = _LEADING_DOT.sub(b"..", body)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.send(body)
        if not fence():
            # Another worker holds the delivery now: drop the connection without the
            # final ".", so the server throws the message away.
            self.close()
            return Result("fenced")
        smtp.send(b".\r\n")
        code, text = smtp.getreply()
        self.in_data = False
        if code != 250:
            return _failure(code, text)
        return Result("sent", _response(code, text))
