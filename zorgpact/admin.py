from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.models import AuditEvent, Organisation, Phase, Province, Theme, User


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is evidence, nobody edits it."""

    list_display = ["at", "event", "actor_label", "ip_address", "target", "detail"]
    list_filter = ["event"]
    search_fields = ["actor_label", "target", "detail", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "ministry", "is_national_team", "is_active"]
    list_filter = ["ministry", "is_national_team", "is_active", "is_superuser"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "ministry", "is_national_team"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    ROLE_FIELDS = ("ministry", "is_national_team", "is_active", "is_staff", "is_superuser")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [f"{name}={form.cleaned_data[name]}" for name in self.ROLE_FIELDS if name in form.changed_data]
        if changed:
            audit.record(AuditEventType.ROLE_CHANGED, target=obj.email, detail=", ".join(changed))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "pillar", "education_level", "care_sector", "province"]
    list_filter = ["pillar", "education_level", "province", "is_synthetic"]
    search_fields = ["name", "municipality"]


admin.site.register(Province)
admin.site.register(Phase)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ["name"]}
