"""The suite's settings: the project's own, with DEBUG on unless the environment says otherwise.

DEBUG is off by default (zorgpact/settings.py); the tests run the development setup, as `make test` does, and the
tests of the production setup start their own processes with DEBUG=false.
"""

import os

os.environ.setdefault("DEBUG", "true")

from zorgpact.settings import *  # noqa: E402,F403
