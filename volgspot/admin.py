from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, AmbitionReview, ProgressReport, Snapshot, VolgspotSession


@admin.register(VolgspotSession)
class VolgspotSessionAdmin(SimpleHistoryAdmin):
    list_display = ["pact", "round", "held_on", "status"]
    list_filter = ["status"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "scope", "status", "queued_at", "finished_at"]
    list_filter = ["scope", "status"]
    readonly_fields = ["html", "error", "input_hash"]


for model in (AmbitionReview, Agreement):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are read-only for everyone; only the admin (a superuser) may delete one."""

    list_display = ["title", "kind", "made_at", "made_by_name"]
    list_filter = ["kind"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser
