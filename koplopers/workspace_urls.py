from django.urls import path

from . import workspace_views as views

app_name = "koplopers-workspace"
urlpatterns = [
    path("kopgroep/", views.review_queue, name="review-queue"),
    path("kopgroep/export.<str:fmt>", views.review_queue_export, name="review-queue-export"),
    path("kopgroep/<int:pk>/", views.review, name="review"),
    path("koplopers/<slug:slug>/", views.koploper_edit, name="koploper"),
    path("koplopers/<slug:slug>/geschiedenis/", views.koploper_history, name="history"),
    path("koplopers/<slug:slug>/resultaten/nieuw/", views.result_add, name="result-new"),
    path("koplopers/<slug:slug>/overnames/nieuw/", views.adoption_add, name="adoption-new"),
    path("koplopers/<slug:slug>/maatwerkondersteuning/", views.support_request, name="support"),
]
