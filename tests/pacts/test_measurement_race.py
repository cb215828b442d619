"""One measurement per indicator and date, also when many requests send the same date at the same moment: the one
that comes second is told so on the date field (form) or in a JSON 400 (API), never a 500 (an IntegrityError)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from pacts.api import MeasurementSerializer
from pacts.forms import MeasurementForm
from pacts.models import Measurement
from tests.pacts.factories import IndicatorFactory, MeasurementFactory
from zorgpact.tokens import create_token

DATE = datetime.date(2018, 3, 1)
TAKEN = "Deze indicator heeft al een meting op deze datum."


@pytest.fixture
def indicator(pact):
    return IndicatorFactory(action__pact=pact)


@pytest.mark.django_db
def test_a_second_measurement_on_a_date_is_a_field_error_on_the_date(client, coordinator, pact, indicator):
    MeasurementFactory(indicator=indicator, measured_on=DATE)
    client.force_login(coordinator)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/indicatoren/{indicator.pk}/metingen/nieuw/",
        {"measured_on": "2018-03-01", "value": "3"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["measured_on"] == [TAKEN]


@pytest.mark.django_db
def test_the_form_that_loses_the_race_gets_the_field_error_and_saves_nothing(indicator):
    form = MeasurementForm({"measured_on": "2018-03-01", "value": "3"}, indicator=indicator)
    assert form.is_valid()  # the check passes …
    MeasurementFactory(indicator=indicator, measured_on=DATE)  # … and then another request saves the same date
    with pytest.raises(ValidationError):
        form.save_checked()
    assert form.errors["measured_on"] == [TAKEN]
    assert Measurement.objects.filter(indicator=indicator).count() == 1


@pytest.mark.django_db
def test_the_api_request_that_loses_the_race_is_a_400_naming_the_date(rf, coordinator, indicator):
    from rest_framework.request import Request

    request = Request(rf.post("/api/v1/measurements/"))
    request.user = coordinator
    serializer = MeasurementSerializer(
        data={"indicator": indicator.pk, "measured_on": "2018-03-01", "value": "3"}, context={"request": request}
    )
    assert serializer.is_valid(), serializer.errors
    MeasurementFactory(indicator=indicator, measured_on=DATE)
    with pytest.raises(ValidationError) as refused:
        serializer.save()
    assert refused.value.message_dict["measured_on"] == [TAKEN]
    assert Measurement.objects.filter(indicator=indicator).count() == 1


@pytest.mark.services
def test_twenty_parallel_posts_of_one_date_save_one_and_refuse_the_rest(
    transactional_db, vocabulary, pact, coordinator, indicator
):
    """On PostgreSQL, with real threads: ten through the workspace form and ten through the API at once."""
    _token, key = create_token(user=coordinator, name="race")
    url = f"/werkruimte/pacten/{pact.slug}/indicatoren/{indicator.pk}/metingen/nieuw/"
    start = threading.Barrier(20)
    results: list[tuple[str, int, bytes]] = []
    lock = threading.Lock()

    def post(kind: str) -> None:
        try:
            if kind == "form":
                client = Client(raise_request_exception=False)
                client.force_login(coordinator)
                start.wait()
                response = client.post(url, {"measured_on": "2018-03-01", "value": "3"})
            else:
                client = APIClient()
                client.raise_request_exception = False
                client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
                start.wait()
                response = client.post(
                    "/api/v1/measurements/",
                    {"indicator": indicator.pk, "measured_on": "2018-03-01", "value": "3"},
                    format="json",
                )
            with lock:
                results.append((kind, response.status_code, response.content))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=("form" if n % 2 else "api",)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(status for _kind, status, _body in results)
    assert len(results) == 20
    assert all(status < 500 for status in statuses), [(k, s, b[:300]) for k, s, b in results if s >= 500]
    assert Measurement.objects.filter(indicator=indicator).count() == 1
    assert sum(status in (201, 302) for status in statuses) == 1
    assert all(status == 400 for status in statuses if status not in (201, 302))
    for kind, status, body in results:
        if status == 400 and kind == "form":
            assert TAKEN in body.decode()
