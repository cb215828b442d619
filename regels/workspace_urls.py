from django.urls import path

from . import workspace

app_name = "regels-workspace"
urlpatterns = [
    path("", workspace.case_queue, name="queue"),
    path("gegevens/", workspace.export_personal_data, name="export"),
    path("<int:pk>/", workspace.case_work, name="case"),
]
