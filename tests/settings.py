"""The suite's settings: the project's own, with DEBUG on unless the environment says otherwise.

DEBUG is off by default (zorgpact/settings.py); the tests run the development setup, as `make test` does, and the
tests of the production setup start their own processes with DEBUG=false.
"""

import os

os.environ.setdefault("DEBUG", "true")

from zorgpact.settings import *  # noqa: E402,F403

# Every factory-made user hashes its password: the production hasher (PBKDF2, deliberately slow) took most of a second
# per user on the 2-core machine. The tests of sign-in are about who may sign in, not about the hasher's cost; the
# production setting is asserted by tests/zorgpact/test_security.py::test_production_keeps_a_slow_password_hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
