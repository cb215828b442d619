"""Every concrete model of our apps has a factory_boy factory in tests/<app>/factories.py (issue 16.6), and each one
builds a saved instance that passes the model's field, uniqueness and constraint checks."""

import importlib
import inspect

import factory
import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db

APPS = ["zorgpact", "pacts", "koplopers", "volgspot", "regels"]
FACTORY_MODULES = [f"tests.{app}.factories" for app in APPS]


def our_models():
    """The concrete models of our apps; django-simple-history's Historical* copies are made by the library."""
    return [
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not model._meta.abstract and not model.__name__.startswith("Historical")
    ]


def factories_by_model() -> dict:
    found = {}
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, factory.django.DjangoModelFactory) and obj._meta.model is not None:
                found.setdefault(obj._meta.model, obj)
    return found


def test_every_model_of_our_apps_has_a_factory():
    missing = sorted(model._meta.label for model in our_models() if model not in factories_by_model())
    assert missing == [], f"models without a factory in tests/<app>/factories.py: {missing}"


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_each_factory_builds_a_valid_saved_instance(model):
    factory_class = factories_by_model().get(model)
    assert factory_class is not None, f"{model._meta.label} has no factory"
    obj = factory_class()
    assert obj.pk is not None and model.objects.filter(pk=obj.pk).exists()
    # The model's own checks on what the factory stored (clean() rules of a workflow, such as the partnership rule a
    # published koploper needs, are the tests of that rule).
    obj.clean_fields()
    obj.validate_unique()
    obj.validate_constraints()
    second = factory_class()
    assert second.pk != obj.pk or model._meta.label in {"zorgpact.Province", "zorgpact.Phase"}
