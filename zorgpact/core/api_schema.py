"""OpenAPI generation details (kept apart from api_support: drf-spectacular imports DRF's generic views)."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS

from zorgpact.core.api_support import EditPermission, PublicReadOnly


class AutoSchema(SpectacularAutoSchema):
    def get_auth(self):
        """Reading is open on our public endpoints: say so, so clients know a token is optional there."""
        auths = super().get_auth()
        open_read = any(isinstance(p, (PublicReadOnly, EditPermission)) for p in self.view.get_permissions())
        if open_read and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths
