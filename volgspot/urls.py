from django.urls import path

from . import views, workspace_views

app_name = "volgspot"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tabellen/<str:table>.<str:fmt>", views.dashboard_export, name="export"),
    path("csv/<str:table>/", views.dashboard_export, {"fmt": "csv"}, name="csv"),  # the address before XLSX
    path("pacten/<slug:slug>/", views.pact_dashboard, name="pact"),
    path("pacten/<slug:slug>/tabellen/<str:table>.<str:fmt>", views.pact_dashboard_export, name="pact-export"),
    path("pacten/<slug:slug>/bijeenkomsten/nieuw/", workspace_views.session_new, name="session-new"),
    path("bijeenkomsten/<int:pk>/", workspace_views.session_detail, name="session"),
    path("bijeenkomsten/<int:pk>/ambities/<int:ambition_pk>/", workspace_views.review_edit, name="review"),
    path("bijeenkomsten/<int:pk>/afspraken/nieuw/", workspace_views.agreement_new, name="agreement-new"),
    path("geschiedenis/<str:kind>/<int:pk>/", workspace_views.history, name="history"),
    path("bijeenkomsten/<int:pk>/definitief/", workspace_views.session_finalise, name="session-finalise"),
    path("rapporten/", views.report_list, name="reports"),
    path("rapporten/aanvragen/", views.report_request, name="report-request"),
    path("rapporten/<int:pk>/", views.report_status, name="report"),
    path("rapporten/<int:pk>/rapport.<str:fmt>", views.report_download, name="report-download"),
    path("momentopnamen/", views.snapshot_list, name="snapshots"),
    path("momentopnamen/maken/", views.snapshot_make, name="snapshot-make"),
    path("momentopnamen/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("momentopnamen/<int:pk>/momentopname.<str:fmt>", views.snapshot_detail, name="snapshot-download"),
]
