from django.urls import path

from . import workspace_views as workspace

app_name = "regels-workspace"
urlpatterns = [
    path("", workspace.case_queue, name="queue"),
    path("export.<str:fmt>", workspace.case_queue_export, name="queue-export"),
    path("gegevens/", workspace.export_personal_data, name="export"),
    path("uit-bijeenkomst/<int:session_pk>/", workspace.case_from_session, name="from-session"),
    path("<int:pk>/", workspace.case_work, name="case"),
    path("<int:pk>/geschiedenis/", workspace.case_history, name="history"),
]
