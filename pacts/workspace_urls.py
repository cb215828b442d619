from django.urls import path, re_path

from . import workspace_views as views

app_name = "pacts-workspace"
urlpatterns = [
    path("<slug:slug>/", views.pact_workspace, name="pact"),
    re_path(r"^(?P<slug>[-\w]+)/actieagenda\.(?P<fmt>csv|xlsx)$", views.agenda_export, name="export"),
    re_path(
        r"^(?P<slug>[-\w]+)/actieagenda-(?P<level>acties|indicatoren|metingen)\.(?P<fmt>csv)$",
        views.agenda_export,
        name="export-level",
    ),
    path("<slug:slug>/importeren/", views.agenda_import, name="import"),
    path("<slug:slug>/importeren/<int:pk>/", views.agenda_import_status, name="import-status"),
    path("<slug:slug>/profiel/", views.pact_profile, name="profile"),
    path("<slug:slug>/ambities/nieuw/", views.ambition_edit, name="ambition-new"),
    path("<slug:slug>/ambities/<int:pk>/", views.ambition_edit, name="ambition"),
    path("<slug:slug>/doelen/nieuw/", views.goal_edit, name="goal-new"),
    path("<slug:slug>/doelen/<int:pk>/", views.goal_edit, name="goal"),
    path("<slug:slug>/partners/nieuw/", views.partner_edit, name="partner-new"),
    path("<slug:slug>/partners/<int:pk>/", views.partner_edit, name="partner"),
    path("<slug:slug>/acties/nieuw/", views.action_edit, name="action-new"),
    path("<slug:slug>/acties/<int:pk>/", views.action_edit, name="action"),
    path("<slug:slug>/<str:kind>/<int:pk>/archiveren/", views.archive, name="archive"),
    path("<slug:slug>/geschiedenis/<str:kind>/<int:pk>/", views.history, name="history"),
    path("<slug:slug>/acties/<int:pk>/indicatoren/nieuw/", views.indicator_add, name="indicator-new"),
    path("<slug:slug>/indicatoren/<int:pk>/", views.indicator_edit, name="indicator"),
    path("<slug:slug>/indicatoren/<int:pk>/metingen/nieuw/", views.measurement_add, name="measurement-new"),
]
