"""What every API endpoint shares: errors as JSON, pagination, and the bridge to zorgpact.permissions.

Kept apart from the views: DRF reads these classes from settings while it defines its generic views.
"""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, pagination, permissions, serializers
from rest_framework.fields import get_error_detail
from rest_framework.views import exception_handler as drf_exception_handler

from zorgpact import permissions as rules
from zorgpact.core.versioning import VersionConflict, refused_by_database, save_versioned


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "This object was changed by someone else since the version you sent."
    default_code = "version_conflict"


class ServiceUnavailable(exceptions.APIException):
    status_code = 503
    default_detail = "Temporarily unavailable: a service this needs is down. Nothing was saved; try again later."
    default_code = "service_unavailable"
    retry_after_seconds = 60


def exception_handler(exc, context):
    """DRF's handler, plus: a version conflict is a 409, a rule the model or the database refuses (Django's
    ValidationError, raised by services) a 400 with the rule's message, and every error body has a `detail`."""
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(get_error_detail(exc))
    if isinstance(exc, VersionConflict):
        from rest_framework.response import Response

        return Response({"detail": Conflict.default_detail, "current_version": exc.current_version}, status=409)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"detail": response.data}
    if isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = str(exc.retry_after_seconds)
    return response


def sent_version(request) -> int:
    """The `version` a write without a serializer (DELETE) is based on, from the JSON body or the query string."""
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw is None:
        raw = request.query_params.get("version")
    if raw is None:
        raise exceptions.ValidationError({"version": ["Send the version this change is based on."]})
    if isinstance(raw, bool) or not re.fullmatch(r"[0-9]{1,18}", str(raw)) or int(raw) < 1:
        raise exceptions.ValidationError({"version": ["A whole number from 1."]})
    return int(raw)


def _counting_paginator(key: str | None, families: tuple[str, ...]):
    """A Django paginator whose total is kept like a fragment (zorgpact.core.pagecache.fragment): per query (its
    SQL, so per filter, search and reader's permissions) until the next write to a family the list shows. Exact,
    as the cached pages are: every page of a list after the first reads the count from the cache, not the table."""
    from django.core.paginator import Paginator
    from django.utils.functional import cached_property

    from zorgpact.core.pagecache import fragment

    class CountingPaginator(Paginator):
        @cached_property
        def count(self):
            plain = Paginator.count.func
            if key is None:
                return plain(self)
            return fragment(key, lambda: plain(self), families=families)

    return CountingPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        import hashlib

        from django.core.exceptions import EmptyResultSet

        from zorgpact.core.pagecache import families_of_path

        try:
            sql = str(queryset.query)
        except EmptyResultSet:
            sql = None
        key = None
        if sql is not None:
            digest = hashlib.sha256(f"{queryset.model._meta.label}|{sql}".encode()).hexdigest()[:32]
            key = f"api-count:{digest}"
        self.django_paginator_class = _counting_paginator(key, families_of_path(request.path))
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        # Strict: a page_size that is not a whole number from 1 to 100 is an error, not silently the default.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError({"page_size": [f"A whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


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
        try:
            with transaction.atomic():
                return super().create(validated_data)
        except IntegrityError as error:
            # Two requests passed the unique check at the same moment; the database let one in. The other is told
            # which rule it breaks, as when it comes second.
            plain = {k: v for k, v in validated_data.items() if not self.Meta.model._meta.get_field(k).many_to_many}
            raise refused_by_database(self.Meta.model(**plain)) from error


class PublicReadOnly(permissions.BasePermission):
    """Open data: anyone may read, nobody writes through this endpoint."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS


ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` says what went wrong; a 400 names the fields with their messages.",
    "properties": {"detail": {}},
    "additionalProperties": True,
}
ERRORS = {
    "400": "The request is not valid.",
    "401": "Authentication needed or invalid.",
    "403": "Not allowed for you.",
    "404": "Not found (or not yours).",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Changed by someone else since the version you sent.",
    "415": "Unsupported media type.",
    "429": "Too many requests; see Retry-After.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing: every operation documents the JSON errors it can answer with."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in ERRORS.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "fact": {"type": "string", "nullable": True},
                "document": {"type": "string"},
                "locator": {"type": "string"},
                "evidence_terms": {"type": "array", "items": {"type": "string"}},
            },
        },
    }
)
class CitationsField(serializers.Field):
    """A record's citations as open data: document, locator, evidence terms (zorgpact.core.citations)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        from zorgpact.core.citations import citation_data, citations_for

        return [citation_data(c) for c in citations_for(record)]


def blank_as_null(data: dict, fields) -> dict:
    """A fact no source states is stored as an empty choice; the API says null for it (never "")."""
    for name in fields:
        if data.get(name) == "":
            data[name] = None
    return data


class KeptListMixin:
    """A read-only list whose answer (a page of serialized rows, with its count and links) is kept like a fragment
    (zorgpact.core.pagecache.fragment) until the next write to a family the list shows: exact, like the cached
    pages, and also for a signed-in reader or a token holder, whom the page cache never serves.

    The key is the list query's SQL (so the filters, the search and the reader's permissions), the full address
    asked for (host, page, page size: the links in the answer carry them) and the language. Only for serializers
    that read nothing of the request but what the address holds.
    """

    def list(self, request, *args, **kwargs):
        import hashlib

        from django.core.exceptions import EmptyResultSet
        from django.utils.translation import get_language
        from rest_framework.response import Response

        from zorgpact.core.pagecache import families_of_path, fragment

        queryset = self.filter_queryset(self.get_queryset())
        try:
            sql = str(queryset.query)
        except EmptyResultSet:
            return super().list(request, *args, **kwargs)

        def build():
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(self.get_serializer(page, many=True).data).data

        text = f"{queryset.model._meta.label}|{sql}|{request.build_absolute_uri()}|{get_language()}"
        key = f"api-list:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
        return Response(fragment(key, build, families=families_of_path(request.path)))
