"""Optional error tracking with sentry-sdk: started from the settings only when SENTRY_DSN is set.

Without SENTRY_DSN nothing here runs and sentry_sdk is never imported (a test checks both). No personal data is
sent by default (send_default_pii=False): the request id (X-Request-ID) is attached as a tag, so an event in Sentry
and the log lines of the same request find each other.
"""


def _tag_request_id(event, hint):
    from zorgpact.core.log import current_request_id

    request_id = current_request_id()
    if request_id != "-":
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def start_error_tracking(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=_tag_request_id,
    )
