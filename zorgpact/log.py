"""Log lines an operator can trust: each names its request, and no input can forge a line of its own.

A request id is made for every request (never taken from the client, whose header could collide with or imitate
another's), sent back as X-Request-ID and shown on the 500 page, so a visitor's report finds its traceback.
"""

import contextvars
import logging
import uuid

from django.http import HttpRequest, HttpResponse

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("request", default=None)


def current_request_id() -> str:
    return _request_id.get()


def current_request() -> HttpRequest | None:
    """The request being handled in this thread, for the audit log (who, from where) deep inside a service."""
    return _request.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = uuid.uuid4().hex
        token, request_token = _request_id.set(request.id), _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
            _request.reset(request_token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def escape(text: str) -> str:
    """Control characters as visible escapes: a newline in input stays inside its own log line."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


class SingleLineFormatter(logging.Formatter):
    """One line per record; a traceback follows on lines marked with `  | ` that cannot pass for a record."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = escape(record.getMessage())
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        line = self.formatMessage(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        extra = record.exc_text or ""
        if record.stack_info:
            extra += "\n" + self.formatStack(record.stack_info)
        if extra:
            line += "".join(f"\n  | {escape(part)}" for part in extra.strip("\n").split("\n"))
        return line
