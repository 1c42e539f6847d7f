"""SMTP transactions in groups over several connections, with one fence before their ends.

smtplib's sendmail() sends the message and its terminating "." in one go. Here the
body goes first, then `fence()` records in the database that the message is being
handed over (and checks that this worker still holds the delivery), and only then the
"." that makes the server accept it. A worker that dies before the fence leaves a
delivery that is safe to send again: a server never delivers a message whose "." it did
not get. See docs/newsletter.md, "Exactly once".

A transport keeps up to NEWSLETTER_SMTP_CONNECTIONS connections open and carries a
group of that many messages at once, one per connection: each step (MAIL, RCPT, DATA,
the body) is written on every connection before the answers are read, then one fence
covers the whole group, then every "." goes out and the answers are read. So the
round trips to the server and the database are paid once per group, not per message.
"""

import dataclasses
import functools
import logging
import re
import smtplib
import socket
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.mail import get_connection

logger = logging.getLogger(__name__)

_EOL = re.compile(rb"\r\n|\n|\r")
_LEADING_DOT = re.compile(rb"(?m)^\.")
# UnicodeError: an address smtplib cannot put in a command (no SMTPUTF8 support here).
_ERRORS = (smtplib.SMTPException, OSError, UnicodeError)


@dataclasses.dataclass
class Result:
    # "sent"; "temporary" or "permanent" (the server refused); "fenced" (not ours any
    # more, dropped before the "."); "unknown" (the "." went out, no answer came).
    outcome: str
    response: str = ""


def _response(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"[:500]


def _failure(code: int, text) -> Result:
    outcome = "permanent" if 500 <= code < 600 else "temporary"
    return Result(outcome, _response(code, text))


_PLAIN_ADDRESS = re.compile(r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+")


def envelope_address(address: str) -> str:
    """<address> for MAIL FROM and RCPT TO; smtplib's parser only for unusual ones."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return f"<{address}>"
    return _quoteaddr(address)


_quoteaddr = functools.lru_cache(maxsize=64)(smtplib.quoteaddr)  # the sender, mostly


def uses_smtp() -> bool:
    return settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"


def wire_bytes(outgoing) -> bytes:
    """The message as the DATA command carries it: CRLF line ends, leading dots doubled."""
    if outgoing.wire is not None:
        return outgoing.wire
    data = outgoing.data or outgoing.build().message().as_bytes(linesep="\r\n")
    body = _EOL.sub(b"\r\n", data)
    body = _LEADING_DOT.sub(b"..", body)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body


class _Slot:
    """One connection of Django's SMTP backend (EMAIL_URL)."""

    def __init__(self):
        self.backend = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT or 60)
        self.smtp: smtplib.SMTP | None = None
        self.in_data = False
        self.fresh = False  # opened for the current message

    def open(self) -> smtplib.SMTP:
        if self.smtp is None:
            self.backend.open()
            self.smtp = self.backend.connection
            # Small commands and the final "." go in separate writes; without this,
            # Nagle's algorithm and delayed ACKs hold them back for tens of milliseconds.
            self.smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.smtp.ehlo_or_helo_if_needed()
            self.fresh = True
        return self.smtp

    def drop(self):
        """Close without QUIT: in the middle of a message, QUIT would be message text."""
        if self.smtp is not None:
            try:
                self.smtp.close()
            except Exception:  # already gone
                pass
        self.backend.connection = None
        self.smtp = None
        self.in_data = False

    def close(self):
        if self.in_data or self.smtp is None:
            self.drop()
            return
        try:
            self.backend.close()  # QUIT
        except Exception:  # a dropped connection is already closed
            pass
        self.smtp = None

    def reset(self):
        """RSET after a refused step; a connection that cannot even do that is dropped."""
        try:
            self.smtp.rset()
        except _ERRORS:
            self.drop()


class Transport:
    """Carries groups of messages over reused connections (Django's backend, EMAIL_URL)."""

    def __init__(self, connections: int | None = None):
        self.smtp = uses_smtp()
        count = max(1, connections or settings.NEWSLETTER_SMTP_CONNECTIONS)
        self.slots = [_Slot() for _n in range(count)] if self.smtp else []
        self.backend = None if self.smtp else get_connection(fail_silently=False)

    @property
    def width(self) -> int:
        """How many messages one group carries."""
        return len(self.slots) if self.smtp else max(1, settings.NEWSLETTER_SMTP_CONNECTIONS)

    def close(self):
        for slot in self.slots:
            slot.close()
        if self.backend is not None:
            self.backend.close()

    def send_group(
        self,
        messages: Sequence,
        fence: Callable[[list[int]], set[int]],
        pace: Callable[[], None] | None = None,
    ) -> list[Result]:
        """Send rendering.Outgoing messages, at most `width`, one per connection.

        `fence(indexes)` gets the positions of the messages whose body the server has,
        all but the "."; it returns those that may be completed. The others are dropped
        without their ".". `pace()` runs before each message starts.
        """
        if len(messages) > self.width:
            raise ValueError("more messages than connections")
        if not self.smtp:
            return self._send_other(messages, fence, pace)
        results: list[Result | None] = [None] * len(messages)
        try:
            return self._send_smtp(messages, fence, pace, results)
        except BaseException:
            # Whatever stopped us (a database error in the fence, a signal): no
            # connection may be left able to complete a message.
            for slot in self.slots:
                if slot.in_data:
                    slot.drop()
            raise

    def _send_other(self, messages, fence, pace) -> list[Result]:
        # Console, file and test backends have no "." to hold back.
        results = []
        allowed = fence(list(range(len(messages))))
        for index, outgoing in enumerate(messages):
            if index not in allowed:
                results.append(Result("fenced"))
                continue
            if pace:
                pace()
            self.backend.send_messages([outgoing.build()])
            results.append(Result("sent", f"accepted by {settings.EMAIL_BACKEND}"))
        return results

    def _send_smtp(self, messages, fence, pace, results) -> list[Result]:
        slots = self.slots

        def fail(index: int, error: Exception):
            slots[index].drop()
            results[index] = Result("temporary", str(error)[:500] or type(error).__name__)

        def step(indexes, write, accept):
            """Write a command on every connection, then read every answer."""
            written = []
            for index in indexes:
                try:
                    write(index)
                except _ERRORS as error:
                    fail(index, error)
                    continue
                written.append(index)
            passed = []
            for index in written:
                try:
                    code, text = slots[index].smtp.getreply()
                except _ERRORS as error:
                    fail(index, error)
                    continue
                if code in accept:
                    passed.append(index)
                else:
                    results[index] = _failure(code, text)
                    slots[index].reset()
            return passed

        # MAIL FROM (opening or reopening connections as needed).
        started = []
        for index in range(len(messages)):
            if pace:
                pace()
            slot = slots[index]
            slot.fresh = False
            try:
                slot.open()
            except _ERRORS as error:
                fail(index, error)
                continue
            started.append(index)
        started = self._mail(started, messages, results, fail)
        # RCPT TO, DATA, the bodies.
        started = step(
            started,
            lambda i: slots[i].smtp.putcmd("rcpt", f"TO:{envelope_address(messages[i].recipient)}"),
            (250, 251),
        )
        started = step(started, lambda i: slots[i].smtp.putcmd("data"), (354,))
        ready = []
        for index in started:
            slots[index].in_data = True
            try:
                slots[index].smtp.send(wire_bytes(messages[index]))
            except _ERRORS as error:
                fail(index, error)  # no ".": nothing was delivered
                continue
            ready.append(index)
        if not ready:
            return results
        # The fence: from here on, the messages it allows are handed over.
        allowed = fence(ready)
        ended = []
        for index in ready:
            if index not in allowed:
                # Another worker holds the delivery now, or the person unsubscribed:
                # drop the connection without the ".", and the server discards it.
                slots[index].drop()
                results[index] = Result("fenced")
                continue
            try:
                slots[index].smtp.send(b".\r\n")
            except _ERRORS as error:
                slots[index].drop()
                results[index] = Result("unknown", f"connection lost at the end: {error}"[:500])
                continue
            ended.append(index)
        for index in ended:
            slot = slots[index]
            try:
                code, text = slot.smtp.getreply()
            except _ERRORS as error:
                slot.drop()
                results[index] = Result("unknown", f"no answer to the end: {error}"[:500])
                continue
            slot.in_data = False
            if code == 250:
                results[index] = Result("sent", _response(code, text))
            else:
                results[index] = _failure(code, text)
        return results

    def _mail(self, indexes, messages, results, fail) -> list[int]:
        """MAIL FROM on each connection; a reused one the server closed is opened again."""
        slots = self.slots

        def write(index):
            smtp = slots[index].smtp
            options = " BODY=8BITMIME" if smtp.has_extn("8bitmime") else ""
            smtp.putcmd("mail", f"FROM:{envelope_address(messages[index].sender)}{options}")

        written = []
        for index in indexes:
            try:
                write(index)
            except _ERRORS:
                written.append((index, True))  # read as failed below
                continue
            written.append((index, False))
        passed = []
        for index, broken in written:
            slot = slots[index]
            try:
                if broken:
                    raise smtplib.SMTPServerDisconnected("connection closed")
                code, text = slot.smtp.getreply()
            except _ERRORS as error:
                if slot.fresh:
                    fail(index, error)
                    continue
                code, text = 421, str(error)
            if code == 421 and not slot.fresh:
                # The server closed an idle connection: once more on a new one.
                slot.drop()
                try:
                    slot.open()
                    write(index)
                    code, text = slot.smtp.getreply()
                except _ERRORS as error:
                    fail(index, error)
                    continue
            if code == 250:
                passed.append(index)
            else:
                results[index] = _failure(code, text)
                slot.reset()
        return passed
