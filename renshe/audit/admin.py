from django.contrib import admin

from renshe.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody edits or deletes the audit trail through the platform."""

    list_display = ("seq", "at", "actor_username", "ip", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "object_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
