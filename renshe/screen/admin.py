from django.contrib import admin

from renshe.screen.models import ScreenConfig


@admin.register(ScreenConfig)
class ScreenConfigAdmin(admin.ModelAdmin):
    """Django admin edits the same row as 大屏配置; ``ScreenConfig.clean`` validates it."""

    list_display = ("name", "map_indicator", "refresh_seconds", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        from renshe.screen.services import screen_config_update

        screen_config_update(
            actor=request.user, panels=obj.panels, map_indicator=obj.map_indicator, refresh_seconds=obj.refresh_seconds
        )

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not ScreenConfig.objects.exists()

    def get_readonly_fields(self, request, obj=None):
        return ("name", *self.readonly_fields)
