"""The environment the test suite runs in, set before pytest-django imports the settings.

The settings default to production: DEBUG off, and no start without a SECRET_KEY. The suite
runs the development settings with a key of its own, made for this run, unless the
environment already names them (`make test` and CI pass theirs). Processes the tests start
(a Celery worker, `manage.py`) inherit the same key, so the links they sign still verify.

pyproject.toml loads this module with `-p tests.environment`: pytest-django reads the
settings before any conftest.py is imported, so a conftest would be too late.
"""

import os
import secrets

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", f"test-run-{secrets.token_urlsafe(50)}")
