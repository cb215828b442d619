from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Case, Scheme


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "outcome", "topic", "assigned_ministry"]
    list_filter = ["status", "outcome", "topic", "assigned_ministry"]
    search_fields = ["title", "question"]


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "ministry"]
    list_filter = ["kind", "ministry"]
    prepopulated_fields = {"slug": ["name"]}
