"""What every API endpoint shares: errors as JSON, pagination, and the bridge to zorgpact.permissions.

Kept apart from the views: DRF reads these classes from settings while it defines its generic views.
"""

from rest_framework import exceptions, pagination, permissions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from . import permissions as rules
from .versioning import VersionConflict, save_versioned


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "This object was changed by someone else since the version you sent."
    default_code = "version_conflict"


def exception_handler(exc, context):
    """DRF's handler, plus: a version conflict is a 409, and every error body has a `detail`."""
    if isinstance(exc, VersionConflict):
        from rest_framework.response import Response

        return Response({"detail": Conflict.default_detail, "current_version": exc.current_version}, status=409)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"detail": response.data}
    return response


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class EditPermission(permissions.BasePermission):
    """Reading is open; writing needs a signed-in user who may edit the object (zorgpact.permissions.can_edit).

    Which objects exist for the user at all is decided by the view's queryset (visible_to), so another pact's
    object is a 404 before this is asked; here a read-only role gets its 403.
    """

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in permissions.SAFE_METHODS or rules.can_edit(request.user, obj)


class VersionedSerializer(serializers.ModelSerializer):
    """Updates must send the `version` they are based on; a stale one is a 409, nothing is overwritten."""

    version = serializers.IntegerField(required=False, min_value=1)

    def update(self, instance, validated_data):
        expected = validated_data.pop("version", None)
        if expected is None:
            raise serializers.ValidationError({"version": ["Send the version this change is based on."]})
        m2m = {}
        for name, value in list(validated_data.items()):
            field = instance._meta.get_field(name)
            if field.many_to_many:
                m2m[name] = validated_data.pop(name)
            else:
                setattr(instance, name, value)
        return save_versioned(instance=instance, expected_version=expected, m2m=m2m)

    def create(self, validated_data):
        validated_data.pop("version", None)
        return super().create(validated_data)


class PublicReadOnly(permissions.BasePermission):
    """Open data: anyone may read, nobody writes through this endpoint."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS
