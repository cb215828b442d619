"""AVG: everything the portal holds about one person, by e-mail address — to hand over (access) or erase.

The list of personal data and why and how long it is kept is in docs/privacy.md; keep the two in step.
Erasing keeps the records others rely on (a published case, a koploper, the audit trail) and removes the person
from them: an account becomes an inactive "erased person", contact and reporter fields are emptied.
"""

from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from koplopers.models import Koploper
from regels.models import Case
from regels.services import personal_data_export as cases_of
from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.pagecache import bump_after_commit
from zorgpact.models import AuditEvent, User


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(email: str) -> dict:
    """Everything held about this e-mail address, as one JSON-ready document (AVG right of access)."""
    user = User.objects.filter(email__iexact=email).first()
    account = None
    if user is not None:
        account = {
            "email": user.email,
            "name": user.name,
            "ministry": user.ministry,
            "national_team": user.is_national_team,
            "active": user.is_active,
            "joined": _iso(user.date_joined),
            "last_sign_in": _iso(user.last_login),
            "coordinator_of_pacts": list(user.coordinated_pacts.values_list("name", flat=True)),
            "coordinator_of_koplopers": list(user.coordinated_koplopers.values_list("name", flat=True)),
            "api_tokens": [
                {
                    "name": t.name,
                    "prefix": t.prefix,
                    "created": _iso(t.created_at),
                    "last_used": _iso(t.last_used_at),
                    "revoked": _iso(t.revoked_at),
                }
                for t in user.api_tokens.all()
            ],
            # That an app is set up, never its key; how many recovery codes are left, never the codes.
            "second_factor": {
                "authenticator_app": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
                "recovery_codes_left": StaticToken.objects.filter(device__user=user).count(),
            },
        }
    events = AuditEvent.objects.filter(_events_of(email, user)).order_by("at")
    return {
        "email": email,
        "account": account,
        "koploper_contact": [
            {"koploper": k.name, "contact_name": k.contact_name, "contact_email": k.contact_email, "status": k.status}
            for k in Koploper.objects.filter(contact_email__iexact=email)
        ],
        "cases_reported": cases_of(email)["cases"],
        "security_events": [
            {"at": _iso(e.at), "event": e.event, "ip_address": e.ip_address, "target": e.target} for e in events
        ],
        # django-axes: failed sign-ins with this address, kept for the lockout (AccessLog of successful sign-ins is
        # off, AXES_DISABLE_ACCESS_LOG; rows from before are listed too).
        "sign_in_attempts": [
            {
                "at": _iso(a.attempt_time),
                "ip_address": a.ip_address,
                "user_agent": a.user_agent,
                "path": a.path_info,
                "failures": getattr(a, "failures_since_start", None),
                "kind": kind,
            }
            for kind, model in _axes_logs()
            for a in model.objects.filter(username__iexact=email).order_by("attempt_time")
        ],
        "mail": [
            {"subject": m.subject, "queued": _iso(m.when_added), "status": status} for status, m in _mail_to(email)
        ],
    }


def _axes_logs():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [("failed_attempt", AccessAttempt), ("failure_log", AccessFailureLog), ("sign_in", AccessLog)]


def _mail_to(email: str):
    """Queued and logged mail to this address (django-mailer keeps the message as data, so it is read to find it);
    the log is pruned after MAIL_LOG_RETENTION_DAYS, so this stays a short read."""
    from mailer.models import Message, MessageLog

    wanted = email.lower()
    for message in Message.objects.order_by("when_added"):
        if wanted in (a.lower() for a in message.to_addresses):
            yield "queued", message
    for entry in MessageLog.objects.order_by("when_attempted"):
        if entry.email is not None and wanted in (a.lower() for a in entry.to_addresses):
            yield entry.get_result_display(), entry


def _events_of(email: str, user: User | None) -> Q:
    condition = Q(actor_label__iexact=email) | Q(target__iexact=email)
    return condition | Q(actor=user) if user is not None else condition


@transaction.atomic
def erase_personal_data(*, email: str) -> dict[str, int]:
    """Remove this person from everything the portal holds; returns what was changed, per kind."""
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    erased_label = f"erased person #{user.pk}" if user is not None else "erased person"
    counts = {
        "account": 0,
        "api_tokens": 0,
        "koploper_contact": 0,
        "cases_reported": 0,
        "security_events": 0,
        "sign_in_attempts": 0,
        "mail": 0,
    }
    for _kind, model in _axes_logs():
        counts["sign_in_attempts"] += model.objects.filter(username__iexact=email).delete()[0]
    for _status, message in list(_mail_to(email)):
        message.delete()
        counts["mail"] += 1
    contacts = Koploper.objects.filter(contact_email__iexact=email)
    counts["koploper_contact"] = contacts.update(contact_name="", contact_email="")
    Koploper.history.filter(contact_email__iexact=email).update(contact_name="", contact_email="")
    counts["cases_reported"] = Case.objects.filter(reporter_email__iexact=email).update(
        reporter_name="", reporter_email="", reporter_organisation=""
    )
    bump_after_commit()  # .update() sends no signals: a koploper page may show the contact just erased
    if user is not None:
        counts["api_tokens"], _ = user.api_tokens.all().delete()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        user.coordinated_pacts.clear()
        user.coordinated_koplopers.clear()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.name, user.ministry, user.is_national_team = "", "", False
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        counts["account"] = 1
    # Last: removing the roles above has just been logged, naming the person.
    counts["security_events"] = AuditEvent.objects.filter(_events_of(email, user)).update(
        actor_label=erased_label, ip_address=None, target=erased_label
    )
    # Recorded after the erasure, naming no one: the log says that it happened, not about whom.
    audit.record(
        AuditEventType.PERSONAL_DATA_ERASED,
        target=erased_label,
        detail=", ".join(f"{k}={v}" for k, v in counts.items()),
    )
    return counts


def record_export(email: str) -> None:
    audit.record(AuditEventType.PERSONAL_DATA_EXPORTED, target=email)
