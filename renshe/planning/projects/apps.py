from django.apps import AppConfig


class MajorProjectsConfig(AppConfig):
    name = "renshe.planning.projects"
    label = "majorprojects"
    verbose_name = "重大项目"
