"""What a failed hand-over to the mail server means for the message and for the sweep.

Mail servers answer in three ways that matter here (RFC 5321 reply codes):
- the recipient or this message is refused for good (5xx: no such mailbox, rejected
  content): trying again changes nothing, the message fails at once;
- the recipient or this message is refused for now (4xx: greylisting, a full mailbox,
  "try again later"): the message waits and is tried again, for days, as mail servers do;
- the server itself does not work (no connection, a timeout, a dropped session, 421
  "service not available", the sender or the login refused): every message would fail
  the same way, so deliveries pause and the server is tested (outbox.mail_server).
"""

import enum
import smtplib
import socket
import ssl


class Refusal(enum.Enum):
    PERMANENT = "permanent"  # this recipient or this message, for good
    TEMPORARY = "temporary"  # this recipient or this message, for now
    SERVER = "server"  # the mail server, for every message


def _code(error: Exception) -> int | None:
    code = getattr(error, "smtp_code", None)
    return code if isinstance(code, int) else None


def classify(error: Exception) -> Refusal:
    """The kind of refusal an exception raised while sending one message stands for."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        if any(_refuses_everyone(code, text) for code, text in replies):
            return Refusal.SERVER
        codes = [code for code, _text in replies]
        return Refusal.PERMANENT if codes and all(500 <= code < 600 for code in codes) else Refusal.TEMPORARY
    if isinstance(error, smtplib.SMTPSenderRefused):
        if error.smtp_code == 552:  # MAIL FROM ... SIZE=: this message is too big, not the server's fault
            return Refusal.PERMANENT
        return Refusal.SERVER  # the sender refused: every message would be
    if isinstance(error, smtplib.SMTPHeloError | smtplib.SMTPAuthenticationError):
        return Refusal.SERVER  # every message would be refused the same way
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | smtplib.SMTPNotSupportedError):
        return Refusal.SERVER
    if isinstance(error, smtplib.SMTPResponseException):
        code = _code(error)
        if code == 421:  # "service not available, closing transmission channel"
            return Refusal.SERVER
        if code is not None and 500 <= code < 600:
            return Refusal.PERMANENT
        return Refusal.TEMPORARY
    if isinstance(error, OSError | ssl.SSLError):  # refused, unreachable, timed out, TLS broken
        return Refusal.SERVER
    # Anything else (a message the backend could not build, say) concerns this message only:
    # it waits and is tried again, and fails after the retry period like any temporary refusal.
    return Refusal.TEMPORARY


def _refuses_everyone(code: int, text: bytes | str) -> bool:
    """A refusal at RCPT that says the server refuses every recipient, not this one.

    421 closes the session; 530 asks for a login; "relay access denied" (5.7.1) means the
    portal may not send through this server at all. Failing each message for good would
    empty the outbox into "failed" while the configuration is wrong.
    """
    words = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return code in (421, 530) or "relay" in words.lower()


def may_have_arrived(error: Exception) -> bool:
    """The session died in the middle: the server may have accepted the message before it did.

    A connection refused or a name that does not resolve happens before anything was sent.
    """
    if isinstance(error, ConnectionRefusedError | smtplib.SMTPConnectError | socket.gaierror):
        return False
    return isinstance(error, smtplib.SMTPServerDisconnected | TimeoutError | ConnectionResetError)


def describe(error: Exception) -> str:
    """The refusal as recorded on the row and shown to staff: the exception and the server's words."""
    return f"{type(error).__name__}: {error}"[:2000]
