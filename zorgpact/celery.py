import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zorgpact.settings")

app = Celery("zorgpact")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

if not os.environ.get("CELERY_BROKER_URL"):
    # Eager mode (no broker, `make run`): Celery still takes a producer for each task it runs in-process; an in-memory
    # transport keeps kombu from reaching for amqp://localhost and warning about a missing host on every task.
    app.conf.broker_url = "memory://localhost/"
