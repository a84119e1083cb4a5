"""Sending mail through the office's SMTP server with the standard library (``smtplib``,
``email.message.EmailMessage``).

The server is ``$TRACKER_SMTP_URL``: ``smtp://user@host:587`` (STARTTLS whenever the server
offers it, and required before a password is sent to any host but loopback) or
``smtps://user@host:465`` (TLS from the first byte). The password is never in the URL or on
a command line: ``$TRACKER_SMTP_PASSWORD``, or the app's secrets (``smtp_password``) passed
in by the page. The sender is ``$TRACKER_SMTP_FROM``, else the URL's user when it is an
address. A user name holding "@" is written ``%40`` in the URL. The server's certificate is
checked against the system's authorities, or ``$TRACKER_SMTP_CA_FILE`` for an office's own.

:meth:`Mailer.send` returns the recipients the server refused (an empty dict when it took
them all) and raises :class:`MailError` when it took none or could not be reached: the
caller records a delivery only for what the server accepted.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from urllib.parse import unquote, urlsplit

from domain.errors import TrackerError

TIMEOUT = 30
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class MailError(TrackerError):
    """Nothing was delivered; ``str()`` says why in Vietnamese, with the server's words."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str
    password: str
    sender: str
    implicit_tls: bool = False
    ca_file: str | None = None

    def tls(self) -> ssl.SSLContext:
        """The TLS context: certificates and host names checked."""
        return ssl.create_default_context(cafile=self.ca_file)

    @classmethod
    def from_env(cls, secret: str | None = None) -> SmtpConfig:
        """The server of ``$TRACKER_SMTP_URL``; MailError when it is unset or malformed."""
        url = os.environ.get("TRACKER_SMTP_URL", "")
        if not url:
            raise MailError(
                "Chưa cấu hình máy chủ thư: đặt TRACKER_SMTP_URL=smtp://tên@máy-chủ:587 và "
                "mật khẩu trong TRACKER_SMTP_PASSWORD."
            )
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError(
                f"TRACKER_SMTP_URL phải có dạng smtp://tên@máy-chủ:587, không phải «{url}»."
            )
        if parts.password:
            raise MailError(
                "Không ghi mật khẩu trong TRACKER_SMTP_URL: dùng TRACKER_SMTP_PASSWORD."
            )
        user = unquote(parts.username or "")
        sender = os.environ.get("TRACKER_SMTP_FROM") or (user if "@" in user else "")
        if not sender:
            raise MailError("Chưa có địa chỉ gửi: đặt TRACKER_SMTP_FROM=dondoc@coquan.gov.vn.")
        implicit = parts.scheme == "smtps"
        return cls(
            parts.hostname,
            parts.port or (465 if implicit else 587),
            user,
            os.environ.get("TRACKER_SMTP_PASSWORD") or secret or "",
            sender,
            implicit,
            os.environ.get("TRACKER_SMTP_CA_FILE") or None,
        )


class Mailer:
    """One connection to the server for a batch of messages (``with Mailer(config) as m``)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        c = self.config
        try:
            if c.implicit_tls:
                self._smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=TIMEOUT, context=c.tls())
            else:
                self._smtp = smtplib.SMTP(c.host, c.port, timeout=TIMEOUT)
                self._smtp.ehlo()
                if self._smtp.has_extn("starttls"):
                    self._smtp.starttls(context=c.tls())
                    self._smtp.ehlo()
                elif c.password and c.host not in LOOPBACK:
                    raise MailError(
                        f"Máy chủ {c.host} không hỗ trợ STARTTLS: không gửi mật khẩu qua "
                        "đường truyền không mã hoá."
                    )
            if c.user and c.password:
                self._smtp.login(c.user, c.password)
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise MailError(f"Không kết nối được máy chủ thư {c.host}:{c.port}: {exc}") from exc
        return self

    def send(self, message: EmailMessage) -> dict[str, str]:
        """Send `message`: the refused recipients (address -> the server's answer)."""
        assert self._smtp is not None, "use Mailer as a context manager"
        try:
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            answers = "; ".join(f"{a}: {_answer(r)}" for a, r in exc.recipients.items())
            raise MailError(f"Máy chủ từ chối mọi người nhận ({answers}).") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"Không gửi được: {exc}") from exc
        return {address: _answer(answer) for address, answer in refused.items()}

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _answer(answer: tuple[int, bytes] | object) -> str:
    if isinstance(answer, tuple) and len(answer) == 2:
        code, text = answer
        return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    return str(answer)
