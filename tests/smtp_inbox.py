"""A real SMTP server on loopback for the tests (aiosmtpd), keeping what it receives.

``with inbox() as box:`` starts one on a free port; ``box.url`` is what
``TRACKER_SMTP_URL`` takes; ``box.messages`` the (envelope recipients, parsed message)
pairs received; addresses in ``box.refuse`` are answered 550 at RCPT, as a server answers
a mailbox that does not exist. ``inbox(tls=folder, password=p)`` requires STARTTLS with a
self-signed certificate for 127.0.0.1 (written to ``folder/cert.pem``, the CA file a client
must trust) and a login with password `p`.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.refuse: set[str] = set()
        self.url = ""
        self.password = ""
        self.logins: list[str] = []
        self.encrypted: list[bool] = []  # per message: whether it came over TLS

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.encrypted.append(session.ssl is not None)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.password.decode() == self.password:
            self.logins.append(auth_data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def to(self, address: str) -> list[EmailMessage]:
        """The messages whose envelope named `address`."""
        return [m for rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _certificate(folder: Path) -> ssl.SSLContext:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@contextmanager
def inbox(tls: Path | None = None, password: str = "") -> Iterator[Inbox]:
    box = Inbox()
    port = free_port()
    secured = {}
    if tls is not None:
        box.password = password
        secured = dict(
            tls_context=_certificate(tls),
            require_starttls=True,
            auth_required=True,
            authenticator=box.authenticate,
        )
    controller = Controller(box, hostname="127.0.0.1", port=port, **secured)
    controller.start()
    box.url = f"smtp://dondoc%40btg.langson.gov.vn@127.0.0.1:{port}"
    try:
        yield box
    finally:
        controller.stop()
