from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, Ambition, Goal, Indicator, Measurement, MeasurementReminder, Pact, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(Pact)
class PactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "phase", "lead"]
    list_filter = ["status", "phase", "provinces"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipationInline]
    filter_horizontal = ["provinces", "themes", "coordinators"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "pact", "status", "is_public"]
    list_filter = ["status", "is_public", "pact"]
    search_fields = ["title"]


for model in (Ambition, Goal, Indicator, Measurement):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(MeasurementReminder)
class MeasurementReminderAdmin(admin.ModelAdmin):
    """Read-only: a reminder is a record of a mail sent (pacts.services.send_measurement_reminders). Deleting one lets
    the next daily run remind of that measurement again."""

    list_display = ["indicator", "due_on", "sent_at"]
    list_select_related = ["indicator"]
    date_hierarchy = "sent_at"
    readonly_fields = ["indicator", "due_on", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
