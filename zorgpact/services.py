"""Writes on the vocabulary: invitations and organisation merges. Views and forms are in zorgpact/site/."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.mail import portal_link
from zorgpact.models import Organisation, User


def not_yet_activated():
    """Invited accounts whose person has not chosen a password yet (nor signed in): these may be invited again."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    return User.objects.filter(last_login=None, password__startswith=UNUSABLE_PASSWORD_PREFIX, is_active=True).values(
        "pk"
    )


@transaction.atomic
def invite(*, email: str, name: str, pacts, koplopers, ministry: str, is_national_team: bool) -> User:
    """The account and its invitation mail in one transaction: the mail is queued with the account (zorgpact/core/mail.py)
    and sent after the commit, so a mail server that is away delays the mail and never half-makes the account.
    Inviting an address again that has not been activated gives it these roles and a new link."""
    user = User.objects.filter(email__iexact=email, pk__in=not_yet_activated()).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, name=name, ministry=ministry, is_national_team=is_national_team
        )
    else:
        user.name, user.ministry, user.is_national_team = name, ministry, is_national_team
        user.save(update_fields=["name", "ministry", "is_national_team"])
    if ministry or is_national_team:
        audit.record(
            AuditEventType.ROLE_CHANGED,
            target=user.email,
            detail=f"invited with ministry={ministry or '-'} national_team={is_national_team}",
        )
    for pact in pacts:
        pact.coordinators.add(user)
    for koploper in koplopers:
        koploper.coordinators.add(user)
    link = portal_link(
        reverse(
            "invitation-accept",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
        )
    )
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    body = _(
        "Dear %(name)s,\n\nYou have been invited to the Zorgpact portal. Choose your password with this link; it works "
        "once and for %(days)d day(s):\n\n%(link)s\n\nThe national Zorgpact team"
    ) % {"name": name, "days": days, "link": link}
    send_mail(_("Your invitation to the Zorgpact portal"), body, settings.DEFAULT_FROM_EMAIL, [email])
    return user


@transaction.atomic
def merge_organisations(*, duplicate: Organisation, keep: Organisation) -> dict[str, int]:
    if duplicate.pk == keep.pk:
        raise ValueError("cannot merge an organisation into itself")
    moved = {}
    for relation in Organisation._meta.related_objects:
        if relation.one_to_many:
            rows = relation.related_model._default_manager.filter(**{relation.field.name: duplicate})
            for row in rows:
                setattr(row, relation.field.name, keep)
                try:
                    with transaction.atomic():
                        row.save()
                except IntegrityError:
                    # The organisation that stays already has this link (same pact, same koploper): keep one.
                    row.delete()
                moved[relation.name] = moved.get(relation.name, 0) + 1
        elif relation.many_to_many and relation.field.remote_field.through._meta.auto_created:
            for row in relation.related_model._default_manager.filter(**{relation.field.name: duplicate}):
                getattr(row, relation.field.name).add(keep)
                getattr(row, relation.field.name).remove(duplicate)
                moved[relation.name] = moved.get(relation.name, 0) + 1
    duplicate.delete()
    return moved


def find_organisation(name: str) -> Organisation | None:
    """The organisation of this name, case-insensitively: how a Kopgroep application and a pact's new partner find an
    existing one, so that neither adds a second "ROC Zeeland"."""
    return Organisation.objects.filter(name__iexact=name.strip()).first()


@transaction.atomic
def find_or_create_organisation(*, organisation: Organisation, source: str | None = None) -> Organisation:
    """The existing organisation of `organisation`'s name (find_organisation), or `organisation` — unsaved, with the
    pillar and level its sender gave — saved as a new one (with `source` when given)."""
    existing = organisation if organisation.pk else find_organisation(organisation.name)
    if existing is not None:
        return existing
    if source is not None:
        organisation.source = source
    organisation.save()
    return organisation
