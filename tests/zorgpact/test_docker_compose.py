import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not shutil.which("docker-compose") and os.environ.get("REQUIRE_SERVICES") != "1",
    reason="Debian's docker-compose is not installed (.ci/run installs it)",
)
def test_docker_compose_file_validates():
    result = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={"SECRET_KEY": "validate-only", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_compose_runs_every_service():
    text = (ROOT / "docker-compose.yml").read_text()
    for service in ("postgres:", "redis:", "web:", "worker:", "beat:", "image: postgres:16", "image: redis:7"):
        assert service in text


def _stages(dockerfile: str) -> list[list[str]]:
    stages: list[list[str]] = []
    for line in dockerfile.splitlines():
        if line.startswith("FROM "):
            stages.append([])
        if stages and line.strip() and not line.startswith("#"):
            stages[-1].append(line)
    return stages


def test_image_builds_in_one_stage_and_runs_slim_in_another():
    build, runtime = _stages((ROOT / "Dockerfile").read_text())
    assert " AS build" in build[0] and " AS runtime" in runtime[0]
    build_text, runtime_text = "\n".join(build), "\n".join(runtime)
    assert "npm ci" in build_text and "collectstatic" in build_text and "--require-hashes" in build_text
    assert "requirements/base.txt" in build_text and "dev.txt" not in build_text  # no test tools in the image
    assert "npm" not in runtime_text and "nodejs" not in runtime_text
    assert "COPY --from=build" in runtime_text
    users = [line.split()[1] for line in runtime if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert len([line for line in runtime if line.startswith("HEALTHCHECK")]) == 1
    assert "bin/healthcheck.py" in runtime_text[runtime_text.index("HEALTHCHECK") :]
    assert "127.0.0.1:8000/healthz" in (ROOT / "bin" / "healthcheck.py").read_text()  # run in test_production.py
    assert runtime[-1].startswith("CMD") and "gunicorn" in runtime[-1] and "migrate" not in runtime[-1]


def test_dockerignore_keeps_local_data_and_environments_out():
    entries = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", "node_modules", "var", "media", "reports", "**/__pycache__"} <= entries


def test_compose_migrates_once_before_web_worker_and_beat():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert "migrate" in services["migrate"]["command"]
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "migrate" not in str(services[name].get("command", ""))
    assert "--schedule" not in services["beat"]["command"]  # the schedule is in the database
    # Only web answers http: the image's /healthz check is switched off where nothing listens.
    assert services["beat"]["healthcheck"] == {"disable": True}
    assert "inspect ping" in str(services["worker"]["healthcheck"]["test"])
