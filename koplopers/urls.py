from django.urls import path

from . import views

app_name = "koplopers"
urlpatterns = [
    path("", views.koploper_list, name="list"),
    path("aanmelden/", views.koploper_apply, name="apply"),
    path("export.<str:fmt>", views.koploper_list_export, name="export"),
    path("<slug:slug>/", views.koploper_detail, name="detail"),
]
