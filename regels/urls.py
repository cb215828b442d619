from django.urls import path

from . import views

app_name = "regels"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.<str:fmt>", views.case_list_export, name="export"),
    path("melden/", views.report, name="report"),
    path("status/<str:token>/", views.case_status, name="status"),
    path("<slug:slug>/", views.case_detail, name="detail"),
]
