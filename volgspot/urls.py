from django.urls import path

from . import views

app_name = "volgspot"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("csv/<str:table>/", views.dashboard_csv, name="csv"),
    path("pacten/<slug:slug>/", views.pact_dashboard, name="pact"),
    path("rapporten/aanvragen/", views.report_request, name="report-request"),
    path("rapporten/<int:pk>/", views.report_status, name="report"),
    path("rapporten/<int:pk>/rapport.<str:fmt>", views.report_download, name="report-download"),
]
