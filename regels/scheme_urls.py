from django.urls import path

from . import views

app_name = "schemes"
urlpatterns = [
    path("", views.scheme_list, name="list"),
    path("export.<str:fmt>", views.scheme_list_export, name="export"),
    path("<slug:slug>/", views.scheme_detail, name="detail"),
]
