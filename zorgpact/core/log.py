"""Log lines an operator can trust: each names its request, and no input can forge a line of its own.

A request id is made for every request (never taken from the client, whose header could collide with or imitate
another's), sent back as X-Request-ID and shown on the 500 page, so a visitor's report finds its traceback.

Every Celery task that a request queues carries the request id in its message headers (`request_id`), and the
worker's log lines for that task show it, with the task's name and id: one id follows the work from the web to the
worker. Production logs are JSON lines (`JsonFormatter`, LOG_FORMAT=json, the default when DEBUG is off);
development logs readable lines (`SingleLineFormatter`).
"""

import contextvars
import json
import logging
import uuid
from datetime import UTC, datetime

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
        record.task = _task.get()
        record.task_label = f" {record.task}" if record.task else ""
        return True


# --- Celery: the request id travels in the task's headers --------------------------------------------------------

_task: contextvars.ContextVar[str] = contextvars.ContextVar("task", default="")
REQUEST_ID_HEADER = "request_id"


def _add_request_id_header(sender=None, headers=None, **kwargs) -> None:
    """before_task_publish: a task queued while a request is handled carries that request's id."""
    request_id = _request_id.get()
    if headers is not None and request_id != "-":
        headers.setdefault(REQUEST_ID_HEADER, request_id)


def _task_starts(sender=None, task_id=None, task=None, **kwargs) -> None:
    """task_prerun (worker, or in-process when eager): log lines of the task name it and the request that queued it.

    Eager tasks run inside their request already; its id stays. The tokens go on the task's request, reset at the end.
    """
    request_id = getattr(task.request, REQUEST_ID_HEADER, None) or (getattr(task.request, "headers", None) or {}).get(
        REQUEST_ID_HEADER
    )
    tokens = [_task.set(f"{task.name}[{task_id}]")]
    if request_id:
        tokens.append(_request_id.set(str(request_id)[:64]))
    task.request.zorgpact_log_tokens = tokens


def _task_ends(sender=None, task_id=None, task=None, **kwargs) -> None:
    for token in reversed(getattr(task.request, "zorgpact_log_tokens", [])):
        token.var.reset(token)
    task.request.zorgpact_log_tokens = []


def connect_celery() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(_add_request_id_header, dispatch_uid="log-request-id-header")
    task_prerun.connect(_task_starts, dispatch_uid="log-task-starts")
    task_postrun.connect(_task_ends, dispatch_uid="log-task-ends")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for the log collector: time (UTC), level, logger, message, request id, task; a
    traceback is a field of its record (newlines inside the JSON string), so no line can pass for another record."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        if task := getattr(record, "task", ""):
            entry["task"] = task
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


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
