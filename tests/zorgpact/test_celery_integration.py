import pytest

from zorgpact.models import Organisation
from zorgpact.tasks import ping


@pytest.mark.services
def test_task_runs_on_a_real_worker_and_returns_its_result(celery_worker_process, settings):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    Organisation.objects.create(name="Voorbeeldorganisatie 1", pillar="care", is_synthetic=True)
    result = ping.delay()
    assert result.get(timeout=20) == {"pong": True, "organisations": 1, "request_id": "-"}
