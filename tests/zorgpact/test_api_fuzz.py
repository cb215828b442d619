"""schemathesis over the whole OpenAPI schema, in-process: no server errors, no responses that break the schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """Calling the WSGI app directly fires request_finished, which would close the test's database connection
    (inside its transaction). Django's own test client switches that off the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(db, keep_connection):
    from tests.koplopers.test_catalogue import make_koploper
    from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory, PactFactory

    pact = PactFactory(slug="zorgpact-zeeland")
    MeasurementFactory(indicator=IndicatorFactory(action=ActionFactory(pact=pact)))
    make_koploper("De Zeeuwse Huiskamer")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_api_never_fails(case, api_data):
    # Every check except two about strictness of *requests*, where we choose otherwise on purpose: an empty filter
    # value means "no filter" (HTML forms send them), and a filter naming a row that does not exist is a 400.
    case.call_and_validate(excluded_checks=[negative_data_rejection, positive_data_acceptance])
