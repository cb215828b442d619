from django.urls import path

from . import sessions, views

app_name = "volgspot"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("csv/<str:table>/", views.dashboard_csv, name="csv"),
    path("pacten/<slug:slug>/", views.pact_dashboard, name="pact"),
    path("pacten/<slug:slug>/bijeenkomsten/nieuw/", sessions.session_new, name="session-new"),
    path("bijeenkomsten/<int:pk>/", sessions.session_detail, name="session"),
    path("bijeenkomsten/<int:pk>/ambities/<int:ambition_pk>/", sessions.review_edit, name="review"),
    path("bijeenkomsten/<int:pk>/afspraken/nieuw/", sessions.agreement_new, name="agreement-new"),
    path("bijeenkomsten/<int:pk>/definitief/", sessions.session_finalise, name="session-finalise"),
    path("rapporten/", views.report_list, name="reports"),
    path("rapporten/aanvragen/", views.report_request, name="report-request"),
    path("rapporten/<int:pk>/", views.report_status, name="report"),
    path("rapporten/<int:pk>/rapport.<str:fmt>", views.report_download, name="report-download"),
]
