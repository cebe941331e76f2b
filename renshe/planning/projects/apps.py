from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_projects(sender, using="default", **kwargs) -> None:
    """The plan's nine projects are data (renshe/planning/projects/data/projects.py): load them after
    every migrate, and again after a test database flush (which empties the tables and emits
    ``post_migrate``). Safe to run twice."""
    from renshe.planning.projects.services import projects_load

    projects_load()


class MajorProjectsConfig(AppConfig):
    name = "renshe.planning.projects"
    label = "majorprojects"
    verbose_name = "重大项目"

    def ready(self) -> None:
        post_migrate.connect(_load_projects, sender=self, dispatch_uid="majorprojects_projects")
