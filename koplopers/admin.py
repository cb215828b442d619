from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Adoption, Koploper, KoploperPartner, ResultFigure, SupportRequest


class PartnerInline(admin.TabularInline):
    model = KoploperPartner
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(Koploper)
class KoploperAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "pact", "started_year"]
    list_filter = ["status", "themes"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline]


for model in (Adoption, ResultFigure, SupportRequest):
    admin.site.register(model, SimpleHistoryAdmin)
