from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render


@login_required
@permission_required("registry.import_registry", raise_exception=True)
def import_list(request):
    return render(request, "registry/import_list.html", {})
