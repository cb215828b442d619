"""Reports in an S3-compatible bucket (django-storages) against a real local S3 server (moto's) started here."""

import datetime

import pytest

from tests.helpers import free_port, wait_for_status
from volgspot.models import ProgressReport

BUCKET = "zorgpact-test"


@pytest.fixture
def s3(settings, monkeypatch):
    """A moto S3 server on a free port with one bucket; the settings (and the environment, for a worker) point at it."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    environ = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=environ["AWS_S3_ENDPOINT_URL"],
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    try:
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    except client.exceptions.BucketAlreadyOwnedByYou:  # moto keeps its buckets per process: empty it instead
        for key in keys(client):
            client.delete_object(Bucket=BUCKET, Key=key)
    # The settings as zorgpact/settings.py makes them from that environment (a fresh import of the module).
    import importlib

    import zorgpact.settings as project_settings

    fresh = importlib.reload(project_settings)
    settings.STORAGES = fresh.STORAGES
    settings.MEDIA_ROOT = "/nonexistent"  # nothing may land on the local disk
    yield client
    server.stop()


def keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.django_db
def test_report_pdf_goes_to_the_bucket_and_comes_back_through_the_web(
    s3, client, ministry_staff, django_capture_on_commit_callbacks, eager_tasks
):
    from zorgpact.demo.loader import load_demo_data

    load_demo_data()
    ProgressReport.objects.all().delete()
    client.force_login(ministry_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/volgspot/rapporten/aanvragen/",
            {"pact": "zorgpact-oefenregio-fictief", "van": "2016-01-01", "tot": "2019-12-31"},
        )
    report = ProgressReport.objects.get()
    assert report.status == "done", report.error
    assert keys(s3) == [report.pdf.name]
    stored = s3.get_object(Bucket=BUCKET, Key=report.pdf.name)["Body"].read()
    response = client.get(f"/volgspot/rapporten/{report.pk}/rapport.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored and stored.startswith(b"%PDF")


@pytest.mark.services
def test_a_real_worker_builds_into_the_bucket_and_the_web_serves_it(
    s3, celery_worker_process, vocabulary, client, national_team
):
    """The worker is another process (it could be another machine): it only shares the bucket with the web."""
    from pacts.models import Pact
    from volgspot.services import request_report
    from zorgpact.demo.loader import load_demo_data

    load_demo_data()
    staff = national_team
    report = request_report(
        scope="pact",
        pact=Pact.objects.get(slug="zorgpact-oefenregio-fictief"),
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        user=staff,
    )
    wait_for_status(report, ("done", "failed"), seconds=120, interval=0.5)
    assert report.status == "done", report.error
    assert report.pdf.name in keys(s3)
    client.force_login(staff)
    response = client.get(f"/volgspot/rapporten/{report.pk}/rapport.pdf")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_backup_archive_covers_the_bucket(s3, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    default_storage.save("reports/a.pdf", ContentFile(b"%PDF-1.7 a"))
    default_storage.save("uploads/deep/b.txt", ContentFile(b"b"))
    archive = tmp_path / "media.tar.gz"
    call_command("media_archive", "create", str(archive))
    for key in keys(s3):
        s3.delete_object(Bucket=BUCKET, Key=key)
    assert keys(s3) == []
    call_command("media_archive", "restore", str(archive))
    assert sorted(keys(s3)) == ["reports/a.pdf", "uploads/deep/b.txt"]
    assert s3.get_object(Bucket=BUCKET, Key="reports/a.pdf")["Body"].read() == b"%PDF-1.7 a"
