"""A real SMTP server for tests and the benchmark: aiosmtpd on 127.0.0.1 and a free port."""

import email
import email.policy
import socket
import threading
from collections import Counter

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, *, keep=True):
        self.keep = keep
        self.messages = []
        self.count = 0
        self.lock = threading.Lock()
        self.rcpt_replies = {}  # address -> list of replies to give, in turn
        self.on_message = None  # called (in the server's thread) after a message is taken

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        replies = self.rcpt_replies.get(address)
        if replies:
            reply = replies.pop(0)
            if not reply.startswith("250"):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            if self.keep:
                self.messages.append(
                    (
                        envelope.rcpt_tos[:],
                        email.message_from_bytes(
                            envelope.original_content or envelope.content,
                            policy=email.policy.default,
                        ),
                    )
                )
            number = self.count
        if self.on_message:
            self.on_message(number)
        return f"250 OK queued as {number}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    def __init__(self, *, keep=True, port=None):
        self.handler = Handler(keep=keep)
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def messages(self):
        return self.handler.messages

    def copies_per_recipient(self) -> Counter:
        return Counter(rcpt for rcpts, _m in self.messages for rcpt in rcpts)

    def copies_per_message_id(self) -> Counter:
        return Counter(str(m["Message-ID"]) for _r, m in self.messages)
