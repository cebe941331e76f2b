"""Read-mostly admin views of the wages app. Partners are created on the 合作方接口 page (the token is
shown once there); the admin never shows a token's hash."""

from django.contrib import admin

from renshe.labour.wages.models import Partner, Project, WageWarning


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "employer", "region", "status", "start_on", "end_on")
    list_filter = ("status",)
    search_fields = ("name", "code")
    raw_id_fields = ("employer", "region", "notice_board_photo", "created_by")


@admin.register(WageWarning)
class WageWarningAdmin(admin.ModelAdmin):
    list_display = ("rule", "level", "period", "project", "status", "opened_on")
    list_filter = ("rule", "level", "status")
    raw_id_fields = ("project", "employer", "region")

    def has_add_permission(self, request):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "active", "last_used_at")
    fields = ("name", "kind", "scopes", "active")

    def has_add_permission(self, request):
        return False
