#!/usr/bin/env python3
"""Screenshots of the portal on the demo data, for the README and reviews (`make screenshots`).

Loads the demo data into the configured database (DATABASE_URL; by default the development SQLite in var/), starts
the portal on a free port, signs in as the demo accounts and writes PNGs into docs/screenshots/: home, the koplopers
catalogue, a pact page, the coordinator's workspace, both Volgspot dashboards and the first pages of a progress
report (rendered as the report task renders it, drawn by pdftoppm). Each image is 1280 px wide, cut at 1600 px
high and stored as a palette PNG, so the committed files stay small.

Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and pdftoppm (poppler-utils).
"""

import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTH, MAX_HEIGHT = 1280, 1600
PASSWORD = "demo-wachtwoord"  # the demo accounts' password (zorgpact/demo), printed by `manage.py demo_accounts`
PACT = "zorgpact-oefenregio-fictief"  # the demo pact with an agenda, Volgspot sessions and a report

PUBLIC = [
    ("home", "/"),
    ("catalogue", "/koplopers/"),
    ("pact", f"/regionale-zorgpacten/{PACT}/"),
]
COORDINATOR = ("coordinator@zeeland.demo", [("workspace", f"/werkruimte/pacten/{PACT}/")])
STAFF = ("medewerker@vws.demo", [("dashboard", "/volgspot/"), ("pact-dashboard", f"/volgspot/pacten/{PACT}/")])

REPORT_PDF = f"""
import sys
from pacts.models import Pact
from volgspot.models import ProgressReport
from volgspot.reports import render_report, report_data
report = ProgressReport.objects.filter(pact__slug="{PACT}").first()
data = report_data(scope=report.scope, pact=report.pact, period_start=report.period_start,
                   period_end=report.period_end)
sys.stdout.buffer.write(render_report(report, data)[1])
"""


def manage(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True, **kwargs)


def save(png: bytes, name: str) -> None:
    """Cut to the first MAX_HEIGHT pixels and store as an optimised palette PNG."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width != WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    image = image.crop((0, 0, WIDTH, min(image.height, MAX_HEIGHT)))
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(OUT / f"{name}.png", optimize=True)
    print(f"docs/screenshots/{name}.png", (OUT / f"{name}.png").stat().st_size // 1024, "kB")


def shoot(page, base: str, name: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    save(page.screenshot(full_page=True), name)


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/account/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form.stacked-form button[type=submit]")
    page.wait_for_load_state()
    if "/tweestapsverificatie/code/" in page.url:  # staff: the demo's app code, as `demo_accounts` prints it
        accounts = manage("demo_accounts", capture_output=True, text=True).stdout
        page.fill("#id_code", re.search(r"Code now: (\d{6})", accounts).group(1))
        page.click("main form.stacked-form button[type=submit]")
        page.wait_for_load_state()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    os.environ.setdefault("DEBUG", "true")  # the development server serves the static files
    OUT.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--noinput", "-v", "0")
    manage("load_demo_data", stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless=new"])
            for account, pages in [(None, PUBLIC), COORDINATOR, STAFF]:
                context = browser.new_context(viewport={"width": WIDTH, "height": 900}, locale="nl-NL")
                page = context.new_page()
                if account:
                    sign_in(page, base, account)
                for name, path in pages:
                    shoot(page, base, name, path)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    pdf = manage("shell", "-c", REPORT_PDF, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "report.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-f",
                "1",
                "-l",
                "2",
                "-scale-to-x",
                str(WIDTH),
                "-scale-to-y",
                "-1",
                "report.pdf",
                "p",
            ],
            cwd=tmp,
            check=True,
        )
        for number, page_png in enumerate(sorted(Path(tmp).glob("p-*.png")), start=1):
            save(page_png.read_bytes(), f"report-page-{number}")


if __name__ == "__main__":
    main()
