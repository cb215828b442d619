"""Personal API tokens: made and revoked in the workspace, stored as a hash, shown once."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from rest_framework import authentication, exceptions

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.models import ApiToken, User

PREFIX_LENGTH = 8


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=_hash(key))
    audit.record(AuditEventType.TOKEN_CREATED, actor=user, target=f"token {token.prefix}…", detail=name)
    return token, key


def revoke_token(*, user: User, token_id: int) -> bool:
    revoked = bool(ApiToken.objects.active().filter(user=user, pk=token_id).update(revoked_at=timezone.now()))
    if revoked:
        audit.record(AuditEventType.TOKEN_REVOKED, actor=user, target=f"token #{token_id}")
    return revoked


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`; a revoked token stops working at the next request."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header.")
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        token = ApiToken.objects.active().select_related("user").filter(key_hash=_hash(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


try:
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
        target_class = "zorgpact.tokens.TokenAuthentication"
        name = "tokenAuth"

        def get_security_definition(self, auto_schema):
            return {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "A personal token from the workspace, as `Token <key>`.",
            }
except ImportError:  # the schema generator is optional at run time
    pass


# --- Workspace pages ---------------------------------------------------------------------------------
