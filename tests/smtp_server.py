"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it receives.

Import the fixture where it is needed: `from tests.smtp_server import smtp_server  # noqa: F401`.
"""

import asyncio
import threading
import time
from collections import deque
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

HOST = "127.0.0.1"
HOLD_SECONDS = 60  # the longest a held DATA waits before it is refused


@dataclass(frozen=True)
class Received:
    """One accepted message: the envelope and the bytes as they came over the wire."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    peer: tuple | None = None  # the client's (host, port): one per connection


class RecordingHandler:
    """aiosmtpd handler: records accepted messages, answers queued replies first."""

    def __init__(self):
        self.messages: list[Received] = []
        self.credentials: tuple[bytes, bytes] | None = None
        # Hooks run on the server's thread, the test queues replies from its own.
        self._lock = threading.Lock()
        self._replies: dict[str, deque[str]] = {"AUTH": deque(), "MAIL": deque(), "RCPT": deque(),
                                                "DATA": deque()}
        self.hold_after: int | None = None  # DATA waits once this many messages were accepted
        self.held = threading.Event()  # set when a DATA is being held
        self.pipelining = True  # offered in EHLO, as mail servers do (RFC 2920)

    def queue(self, command: str, reply: str, after: int = 0) -> None:
        with self._lock:
            self._replies[command].extend([None] * after + [reply])  # None: answer as usual

    def _take(self, command: str) -> str | None:
        with self._lock:
            queue = self._replies[command]
            return queue.popleft() if queue else None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname  # what aiosmtpd does itself when there is no hook
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")  # before the last line, "250 HELP"
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        reply = self._take("MAIL")
        if reply is not None:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._take("RCPT")
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self._take("DATA")
        if reply is not None:
            return reply
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.held.set()
            deadline = time.monotonic() + HOLD_SECONDS
            while self.hold_after is not None and time.monotonic() < deadline:
                await asyncio.sleep(0.02)  # the client waits for our answer meanwhile
            if self.hold_after is not None:
                return "451 4.3.0 held too long"
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content,
                                      session.peer))
        return "250 2.0.0 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        """aiosmtpd authenticator: accept only the credentials the test set."""
        reply = self._take("AUTH")
        if reply is not None:
            return AuthResult(success=False, handled=False, message=reply)
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.credentials is not None
            and (auth_data.login, auth_data.password) == self.credentials
        )
        # handled=False: aiosmtpd sends the standard 235 / 535 replies itself.
        return AuthResult(success=ok, handled=False)


class _FreePortController(Controller):
    """A Controller that binds port 0 and learns the port the kernel chose.

    Asking for a free port first and binding it later races with other processes; binding 0
    does not. Controller.start() connects once to the port it knows to make aiosmtpd build
    its SMTP object, so the real port must be known before that connection.
    """

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    def factory(self):
        # Without an explicit loop, SMTP() calls aiosmtpd's _get_or_new_eventloop(), which
        # wraps asyncio.get_event_loop() in warnings.catch_warnings(): that swaps the
        # process-wide warning filters from the server thread while a test runs.
        return SMTP(self.handler, loop=self.loop, **self.SMTP_kwargs)


class SMTPServer:
    """What the fixture yields: where the server listens and what it received."""

    def __init__(self, controller: Controller, handler: RecordingHandler):
        self._controller = controller
        self._handler = handler
        self.host = HOST
        self.port = controller.port
        self.url = f"smtp://{HOST}:{self.port}"

    @property
    def messages(self) -> list[Received]:
        return self._handler.messages

    def reply_next(self, reply: str, command: str = "RCPT", after: int = 0) -> None:
        """Answer the next MAIL, RCPT (one recipient), DATA or AUTH with `reply` instead of accepting.

        `after`: first let that many of these commands through as usual.

        smtplib tries each AUTH mechanism the server offers (PLAIN, then LOGIN) and reports the
        last failure, so an AUTH reply must be queued twice to be the one a client sees.
        """
        self._handler.queue(command, reply, after)

    def hold_data_after(self, accepted: int) -> threading.Event:
        """Once `accepted` messages are in, make the next DATA wait unanswered (a slow server).

        Returns an event set when a DATA is being held; release_data() lets it through.
        """
        self._handler.held.clear()
        self._handler.hold_after = accepted
        return self._handler.held

    def release_data(self) -> None:
        """Answer held and later DATA commands normally again."""
        self._handler.hold_after = None

    def offer_pipelining(self, offered: bool) -> None:
        """Whether EHLO offers PIPELINING (it does unless told otherwise) from the next connection."""
        self._handler.pipelining = offered

    def require_login(self, user: str, password: str) -> None:
        """Advertise AUTH and accept exactly these credentials."""
        self._handler.credentials = (user.encode(), password.encode())


@pytest.fixture
def smtp_server():
    """A real aiosmtpd server on 127.0.0.1, on a free port, stopped after the test."""
    handler = RecordingHandler()
    controller = _FreePortController(
        handler,
        hostname=HOST,
        port=0,
        # A fixed name: the default, socket.getfqdn(), can wait on DNS.
        server_hostname="smtp.test",
        authenticator=handler.authenticate,
        # AUTH over plain TCP is fine on loopback and lets tests log in without certificates.
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield SMTPServer(controller, handler)
    finally:
        controller.stop()
