from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, AmbitionReview, ProgressReport, VolgspotSession


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
