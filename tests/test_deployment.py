"""The real deployment: docker-compose.yml, the Dockerfile, .env.example, and `check --deploy`.

No Docker engine is needed: the compose file is checked as YAML, and `docker compose config`
runs too where the compose plugin is installed.
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

BASE_DIR = Path(settings.BASE_DIR)
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def env_example():
    return (BASE_DIR / ".env.example").read_text()


def _documented(name: str, env_example: str) -> bool:
    return re.search(rf"^#?{re.escape(name)}=", env_example, re.MULTILINE) is not None


def test_compose_describes_the_five_services(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "db", "redis"}


def test_web_worker_and_beat_run_the_same_image(compose):
    services = compose["services"]
    assert {services[name]["image"] for name in APP_SERVICES} == {services["web"]["image"]}
    assert {str(services[name]["build"]) for name in APP_SERVICES} == {"."}
    assert "gunicorn portal.wsgi:application" in services["web"]["command"]
    assert "migrate --noinput" in services["web"]["command"]
    assert "compilemessages" in services["web"]["command"]
    assert services["worker"]["command"] == "celery -A portal worker -l info"
    assert services["beat"]["command"] == "celery -A portal beat -l info"


def test_app_services_take_settings_from_the_environment(compose):
    for name in APP_SERVICES:
        environment = compose["services"][name]["environment"]
        assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?"), name
        assert "@db:5432/" in environment["DATABASE_URL"], name
        assert environment["REDIS_URL"] == "redis://redis:6379/0", name
        assert environment["MEDIA_ROOT"] == "/app/media", name
        assert "media:/app/media" in compose["services"][name]["volumes"], name


def test_services_wait_for_healthy_dependencies(compose):
    services = compose["services"]
    for name in ("web", "db", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        assert {"db", "redis"} <= set(depends_on), name
        assert all(dependency["condition"] == "service_healthy" for dependency in depends_on.values()), name


def test_named_volumes_are_declared(compose):
    declared = set(compose["volumes"])
    assert {"pgdata", "redisdata", "media"} <= declared
    for service in compose["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            assert source in declared, f"{volume} uses an undeclared volume"


def test_env_example_documents_every_variable(env_example):
    """Every ${VAR} of docker-compose.yml and every env("VAR") of settings.py is in .env.example."""
    compose_vars = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", COMPOSE_FILE.read_text()))
    settings_vars = set(
        re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_][A-Z0-9_]*)\"", (BASE_DIR / "portal" / "settings.py").read_text())
    )
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"} <= settings_vars
    undocumented = sorted(name for name in compose_vars | settings_vars if not _documented(name, env_example))
    assert undocumented == []


def test_dockerfile_builds_a_non_root_gunicorn_image():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in dockerfile
    assert "gettext" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root\b)\S+", dockerfile, re.MULTILINE)
    assert '"gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"' in dockerfile
    ignored = (BASE_DIR / ".dockerignore").read_text().splitlines()
    assert ".env" in ignored and ".venv" in ignored


def _docker_compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    result = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, check=False)
    return result.returncode == 0


def test_docker_compose_accepts_the_file():
    if not _docker_compose_available():
        pytest.skip("`docker compose version` fails here (no compose plugin); the YAML checks above still ran")
    environment = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(45),
        "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
        "EMAIL_URL": "consolemail://",
    }
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE_FILE), "config", "-q"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_check_deploy_reports_no_issue():
    """Production settings pass Django's deployment checklist, warnings included."""
    # A clean environment: what the test run itself sets (DJANGO_ALLOW_ASYNC_UNSAFE by the root
    # conftest, local overrides of the hardening) must not leak into what is checked.
    environment = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ}
    environment.update(
        DEBUG="false",
        SECRET_KEY="".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)") for _ in range(60)),
        ALLOWED_HOSTS="portal.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_for_production(tmp_path):
    """What the Docker build runs: hashed and compressed static files, every reference resolved."""
    production_storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "staticfiles", STORAGES=production_storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists()
