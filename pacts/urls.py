from django.urls import path

from . import views

app_name = "pacts"
urlpatterns = [
    path("", views.pact_list, name="list"),
    path("export.<str:fmt>", views.pact_list_export, name="export"),
    path("<slug:slug>/", views.pact_detail, name="detail"),
    path("<slug:slug>/indicatoren.<str:fmt>", views.pact_indicators_export, name="indicators-export"),
]
