"""The package installs from a wheel, with no checkout beside it, and serves its pages."""

import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_PACKAGES = {"meeting.templates": "templates", "meeting.static": "static",
                 "meeting.schedules": "schedules", "meeting.migrations": "migrations"}


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_packaging_lists_every_code_package_and_maps_the_data_folders():
    code = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "meeting").rglob("__init__.py")}
    config = _setuptools_config()
    assert set(config["packages"]) == code | set(DATA_PACKAGES)
    assert config["package-dir"] == DATA_PACKAGES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 30) -> None:
    """The server prints its address just before it binds: wait (bounded) until it answers."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.slow
def test_packaging_wheel_in_a_fresh_venv_serves_pages(tmp_path):
    wheels = tmp_path / "wheels"
    # From a copy without build/: setuptools keeps files there that the tree no longer has
    # (a renamed migration would ship twice and give Alembic two heads).
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "instance", "*.egg-info", "__pycache__", "node_modules"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
                    "--no-build-isolation", "-w", str(wheels), str(source)], check=True,
                   cwd=tmp_path, capture_output=True)
    (wheel,) = wheels.glob("meeting-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # The dependencies come from the test environment, as a plain path: its .pth files
    # (among them the editable install of this checkout) are not read.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    found = subprocess.run([python, "-c", "import meeting; print(meeting.__file__, meeting.INSTALLED)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.split()
    assert found == [str(site / "meeting" / "__init__.py"), "True"]

    port = _free_port()
    env = {**os.environ, "MEETING_INSTANCE_PATH": str(tmp_path / "instance"),
           "MAIL_URL": "maildir:outbox"}
    env.pop("MEETING_TEST_DATABASE_URL", None)
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([python, "-m", "flask", "--app", "meeting", "meeting", "serve",
                               "--port", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output = []
        for line in server.stdout:
            output.append(line)
            if line.startswith("Open http://"):
                break
        assert "password:" in "".join(output), "".join(output)
        _wait_for_port(port)
        base = f"http://127.0.0.1:{port}"
        slug = "ecosoc-2020-integration-segment"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only
        pages = {}
        for path in ("/", f"/segments/{slug}/", f"/segments/{slug}/open-data/", "/login",
                     "/static/css/app.css", f"/segments/{slug}/programme.xcs", "/?lang=fr"):
            with opener.open(base + path, timeout=30) as response:
                pages[path] = (response.status, response.read().decode())
        assert {path: status for path, (status, _) in pages.items()} == dict.fromkeys(pages, 200)
        assert re.search(r"<title>[^<]*Integration Segment", pages[f"/segments/{slug}/"][1])
        # The compiled catalogues travel in the wheel.
        assert ">Se connecter</a>" in pages["/?lang=fr"][1]
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
