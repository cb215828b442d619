"""The audit log of security events: who, when, from where; kept in the database and written to the log.

Services call `record`; who and from where come from the request being handled (zorgpact.core.log), so a service needs
no request parameter. Never recorded: passwords, tokens, session ids — only what identifies the event.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed

from zorgpact.constants import AuditEventType
from zorgpact.core.log import current_request, current_request_id
from zorgpact.core.ratelimit import client_ip
from zorgpact.models import AuditEvent

log = logging.getLogger("zorgpact.audit")


def _label(obj) -> str:
    if obj is None:
        return ""
    if isinstance(obj, str):
        return obj
    return f"{obj._meta.label}:{obj.pk} {obj}"


def record(event: str, *, actor=None, actor_label: str = "", target=None, detail: str = "") -> AuditEvent:
    request = current_request()
    if (
        actor is None
        and request is not None
        and getattr(request, "user", None) is not None
        and request.user.is_authenticated
    ):
        actor = request.user
    if actor is not None and not actor_label:
        actor_label = actor.email
    entry = AuditEvent.objects.create(
        event=event,
        actor=actor,
        actor_label=actor_label[:254],
        ip_address=client_ip(request) if request is not None else None,
        target=_label(target)[:300],
        detail=detail[:500],
        request_id=current_request_id() if request is not None else "",
    )
    # The formatter escapes control characters: an address tried at sign-in cannot start a line of its own.
    log.info(
        "%s actor=%s ip=%s target=%s detail=%s",
        event,
        entry.actor_label or "-",
        entry.ip_address or "-",
        entry.target or "-",
        entry.detail or "-",
    )
    return entry


# --- Hooks ---------------------------------------------------------------------------------------------------
# Django announces sign-in and coordinator changes only through signals; receiving them here is the one place
# every path (the sign-in form, the admin, invitations, the workspace) passes through.


def _signed_in(sender, request, user, **kwargs):
    record(AuditEventType.SIGNED_IN, actor=user)


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEventType.SIGNED_OUT, actor=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in `credentials`; only the address tried is kept.
    if credentials.get("second_factor"):  # the password was right, the app's code was not (zorgpact.twofactor)
        record(AuditEventType.SECOND_FACTOR_FAILED, actor_label=str(credentials.get("username", "")))
        return
    record(AuditEventType.SIGN_IN_FAILED, actor_label=str(credentials.get("username", "")))


def _locked_out(sender, request, username, ip_address, **kwargs):
    record(AuditEventType.LOCKED_OUT, actor_label=str(username or ""))


def _coordinators_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":  # no pk_set for clear(): what is about to go is what is there now
        pk_set = set(
            model.objects.filter(coordinators=instance).values_list("pk", flat=True)
            if reverse
            else instance.coordinators.values_list("pk", flat=True)
        )
    verb = "added as coordinator of" if action == "post_add" else "removed as coordinator of"
    if reverse:  # user.<related>.add(pact, …): instance is the user, pk_set the pacts or koplopers
        for obj in model.objects.filter(pk__in=pk_set or []):
            record(AuditEventType.ROLE_CHANGED, target=instance.email, detail=f"{verb} {_label(obj)}")
    else:
        from zorgpact.models import User

        for user in User.objects.filter(pk__in=pk_set or []):
            record(AuditEventType.ROLE_CHANGED, target=user.email, detail=f"{verb} {_label(instance)}")


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_signed_in, dispatch_uid="audit-signed-in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit-signed-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit-locked-out")


def watch_coordinators(model) -> None:
    """Record coordinator changes of `model` (its `coordinators` relation to User). The apps that own such a model
    register it from their AppConfig.ready (pacts, koplopers): the kit never imports a domain app."""
    m2m_changed.connect(
        _coordinators_changed, sender=model.coordinators.through, dispatch_uid=f"audit-{model.__name__}"
    )
