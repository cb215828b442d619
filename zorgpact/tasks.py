from celery import shared_task

from .models import Organisation


@shared_task
def ping() -> dict:
    """Round trip through the broker and the database: used by the health check of the worker."""
    return {"pong": True, "organisations": Organisation.objects.count()}
