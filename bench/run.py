"""make bench: load the key pages with wrk against gunicorn on loopback, next to a ceiling measured in the same run.

Usage: .venv/bin/python bench/run.py [--scales 1,100] [--seconds 8] [--connections 16] [--pages search]
       [--page-cache off|on|both] [--no-mixed | --only-mixed]
Needs PostgreSQL and Redis (the same as .ci/run); uses a database of its own, zorgpact_bench, made fresh each run
(BENCH_DB and BENCH_PORT name another database and port, so that two benches on one machine do not collide;
BENCH_REDIS, BENCH_CACHE_DB and BENCH_BROKER_DB another Redis server and databases).
Prints a table and writes var/bench/<timestamp>.json.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8123"))
DB = os.environ.get("BENCH_DB", "zorgpact_bench")  # its own name when several run on one machine

PUBLIC = [
    ("home", "/"),
    ("koplopers", "/koplopers/"),
    ("koplopers: theme+province", "/koplopers/?theme=leren-in-de-praktijk&province=ZE"),
    ("koplopers: search", "/koplopers/?q=zorg"),
    ("pact detail", "/regionale-zorgpacten/zorgpact-oefenregio-fictief/"),
    ("theme", "/themas/leren-in-de-praktijk/"),
    ("case library", "/ruimte-in-de-regels/"),
    ("api koplopers", "/api/v1/koplopers/"),
]
SIGNED_IN = [
    ("volgspot national", "/volgspot/"),
    ("volgspot pact", "/volgspot/pacten/zorgpact-oefenregio-fictief/"),
    ("workspace pact", "/werkruimte/pacten/zorgpact-zeeland/"),
]
# Who reads each signed-in page: a ministry reader the dashboards, the pact's own coordinator its workspace page.
READER = "medewerker@vws.demo"
SIGNED_IN_AS = {"workspace pact": "coordinator@zeeland.demo"}


def env(**extra) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    return {
        **base,
        "DATABASE_URL": f"{pg}/{DB}",
        "CACHE_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
        + "/"
        + os.environ.get("BENCH_CACHE_DB", "13"),
        "CELERY_BROKER_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
        + "/"
        + os.environ.get("BENCH_BROKER_DB", "12"),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # The page cache keeps the pages of the canonical origin only: the one wrk asks for.
        "PORTAL_URL": f"http://127.0.0.1:{PORT}",
        "SECURE_SSL_REDIRECT": "false",
        # The bench loads pages, not static files: plain static names, so no collectstatic before each run.
        "STATIC_MANIFEST": "false",
        "BENCH_CEILING": "true",
        "API_THROTTLE_ANON": "1000000/minute",
        "API_THROTTLE_USER": "1000000/minute",
        **extra,
    }


def manage(*args: str) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env(), check=True, capture_output=True, text=True
    ).stdout


def fresh_database() -> None:
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    host = re.sub(r"^postgres://", "", pg)
    user, _, hostport = host.rpartition("@")
    h, _, p = hostport.partition(":")
    args = ["-h", h, "-p", p or "5432", "-U", user or "postgres"]
    subprocess.run(["psql", *args, "-qc", f"DROP DATABASE IF EXISTS {DB}"], check=True)
    subprocess.run(["psql", *args, "-qc", f"CREATE DATABASE {DB}"], check=True)


def session_cookie(email: str) -> str:
    code = (
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "from zorgpact.models import User; import time;"
        f"u = User.objects.get(email='{email}'); s = SessionStore();"
        "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s['signed_in_at'] = int(time.time());"
        # Ministry staff must pass the second factor: the session has, with the demo account's app (DEBUG demo
        # data). Without it every signed-in page answered a redirect to the code screen, which wrk counted as a page.
        "from django_otp import DEVICE_ID_SESSION_KEY; from django_otp.plugins.otp_totp.models import TOTPDevice;"
        "d = TOTPDevice.objects.filter(user=u, confirmed=True).first();"
        "s.update({DEVICE_ID_SESSION_KEY: d.persistent_id} if d else {});"
        "s.create(); print(s.session_key)"
    )
    return manage("shell", "-c", code).strip().splitlines()[-1]


def query_counts(cookies: dict[str, str]) -> dict[str, int]:
    code = (
        "import json; from django.db import connection; from django.test.utils import CaptureQueriesContext;"
        "from django.test import Client; c = Client(HTTP_HOST='127.0.0.1');"
        f"cookies = {cookies!r}; out = {{}}\n"
        f"for name, path in {PUBLIC + SIGNED_IN + [('ceiling', '/__bench__/ceiling/?kb=20')]!r}:\n"
        "    c.cookies['sessionid'] = cookies.get(name, '')\n"
        "    with CaptureQueriesContext(connection) as ctx: r = c.get(path, secure=False)\n"
        "    out[name] = (len(ctx.captured_queries), r.status_code, len(r.content))\n"
        "print('QC' + json.dumps(out))"
    )
    line = [x for x in manage("shell", "-c", code).splitlines() if x.startswith("QC")][-1]
    return json.loads(line[2:])


def wrk(path: str, *, seconds: int, connections: int, cookie: str | None = None) -> dict:
    cmd = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "-s",
        str(ROOT / "bench" / "latency.lua"),
        f"http://127.0.0.1:{PORT}{path}",
    ]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    data = json.loads(next(line for line in out.splitlines() if line.startswith("BENCH "))[6:])
    data["rps"] = round(data["requests"] / data["seconds"], 1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    data["errors"] += int(non2xx.group(1)) if non2xx else 0
    return data


# A coordinator's writes during the mixed scenario: one measurement a second on the Oefenregio pact (the agenda
# family), each its own committed transaction, as the workspace form makes them.
WRITER = """
import datetime, sys, time
from pacts.models import Indicator, Measurement
indicator = Indicator.objects.filter(action__pact__slug='zorgpact-oefenregio-fictief').order_by('pk').first()
print('READY', flush=True)
end = time.monotonic() + float(sys.argv[-1])
n = 0
while time.monotonic() < end:
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2030, 1, 1) + datetime.timedelta(days=n), value=n, note='bench')
    n += 1
    time.sleep(1)
print('WRITES', n)
"""


def mixed(path_list: list[str], *, seconds: int, connections: int, writes: bool) -> dict:
    """Anonymous readers over the public pages (wrk, bench/mixed.lua), with or without one write a second."""
    writer = None
    if writes:
        writer = subprocess.Popen(
            [PY, "manage.py", "shell", "-c", WRITER.replace("sys.argv[-1]", str(seconds))],
            cwd=ROOT,
            env=env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        while writer.stdout.readline().strip() != "READY":  # Django set up: the writes start with the readers
            assert writer.poll() is None, "the writer did not start"
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench" / "mixed.lua")]
    out = subprocess.run(
        [*cmd, f"http://127.0.0.1:{PORT}/"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BENCH_PATHS": " ".join(path_list)},
    ).stdout
    data = json.loads(next(line for line in out.splitlines() if line.startswith("BENCH "))[6:])
    data["rps"] = round(data["requests"] / data["seconds"], 1)
    data["hit_rate"] = round(data["hits"] / data["answers"], 3) if data["answers"] else None
    if writer is not None:
        written = writer.communicate(timeout=seconds + 60)[0]
        data["writes"] = int(next(x for x in written.splitlines() if x.startswith("WRITES")).split()[1])
    return data


def measure_mixed(scale: int, args) -> dict:
    """The mixed scenario (issue 21.4): read-only first, then the same readers with one write a second."""
    paths = [path for name, path in PUBLIC if "search" not in name]
    proc = serve(args.workers, page_cache=True)
    try:
        for path in paths:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=120).read()
        read_only = mixed(paths, seconds=args.seconds, connections=args.connections, writes=False)
        time.sleep(1)
        with_writes = mixed(paths, seconds=args.seconds, connections=args.connections, writes=True)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    ratio = round(with_writes["rps"] / read_only["rps"], 2) if read_only["rps"] else None
    return {"scale": scale, "read_only": read_only, "with_writes": with_writes, "ratio": ratio, "target_ratio": 0.8}


def serve(workers: int, *, page_cache: bool):
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "zorgpact.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env(PAGE_CACHE="true" if page_cache else "false"),
        start_new_session=True,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/__bench__/ceiling/", timeout=1)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def measure(scale: int, args, cookies: dict[str, str], *, page_cache: bool) -> dict:
    counts = query_counts(cookies)
    wrong = {name: status for name, (_n, status, _size) in counts.items() if status != 200}
    if wrong:  # a redirect or an error is not the page: measuring it would flatter the figures
        raise SystemExit(f"pages that do not answer 200 in-process: {wrong}")
    proc = serve(args.workers, page_cache=page_cache)
    try:
        for _name, path in PUBLIC + SIGNED_IN:  # warm up: one request each, so no slow page queues behind a measurement
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}{path}",
                headers={"Cookie": f"sessionid={cookies[_name]}"} if _name in cookies else {},
            )
            urllib.request.urlopen(request, timeout=120).read()
        body_kb = max(1, counts["home"][2] // 1024)
        ceiling = wrk(f"/__bench__/ceiling/?kb={body_kb}", seconds=args.seconds, connections=args.connections)
        rows = []
        for name, path in PUBLIC + ([] if page_cache else SIGNED_IN):
            if not any(part.strip() in name for part in args.pages.split(",")):
                continue
            result = wrk(
                path,
                seconds=args.seconds,
                connections=args.connections,
                cookie=cookies.get(name),
            )
            time.sleep(1)  # let requests still in the queue drain before the next page
            target = 0.25 if (name, path) in SIGNED_IN else (0.8 if page_cache else 0.5)
            rows.append(
                {
                    "page": name,
                    "path": path,
                    **result,
                    "queries": counts[name][0],
                    "status": counts[name][1],
                    "ratio": round(result["rps"] / ceiling["rps"], 2) if ceiling["rps"] else None,
                    "target_ratio": target,
                    "p99_vs_ceiling": round(result["p99"] / ceiling["p99"], 1) if ceiling["p99"] else None,
                }
            )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    return {"scale": scale, "page_cache": page_cache, "ceiling": {**ceiling, "body_kb": body_kb}, "pages": rows}


def report_timing() -> float:
    code = (
        "import time, datetime; from volgspot.reports import report_data, render_report; from volgspot.models import ProgressReport;"
        "t = time.monotonic(); d = report_data(scope='national', pact=None, period_start=datetime.date(2016,1,1), period_end=datetime.date(2019,12,31));"
        "render_report(ProgressReport(scope='national', period_start=datetime.date(2016,1,1), period_end=datetime.date(2019,12,31)), d);"
        "print('RT', time.monotonic() - t)"
    )
    return round(float([x for x in manage("shell", "-c", code).splitlines() if x.startswith("RT")][-1][3:]), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,100")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--pages",
        default="",
        help="measure only the pages whose name contains this text, or one of these comma-separated texts (e.g. 'search' or 'pact detail,volgspot')",
    )
    parser.add_argument("--only-mixed", action="store_true", help="only the mixed scenario (readers + writes)")
    parser.add_argument("--no-mixed", action="store_true", help="leave out the mixed scenario")
    parser.add_argument(
        "--page-cache",
        choices=("off", "on", "both"),
        default="both",
        help="measure with the page cache off, on or both",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    fresh_database()
    manage("migrate", "--noinput")
    subprocess.run(
        [PY, "manage.py", "load_demo_data"], cwd=ROOT, env=env(DEBUG="true"), check=True, capture_output=True
    )
    sessions = {email: session_cookie(email) for email in {READER, *SIGNED_IN_AS.values()}}
    cookies = {name: sessions[SIGNED_IN_AS.get(name, READER)] for name, _path in SIGNED_IN}
    results, mixed_results, done_scale, timings = [], [], 0, {}
    for scale in [int(s) for s in args.scales.split(",")]:
        started = time.monotonic()
        manage("generate_scale_data", "--scale", str(scale - done_scale))
        timings[f"generate_scale_data to scale {scale}"] = round(time.monotonic() - started, 1)
        done_scale = scale
        if not args.only_mixed:
            timings[f"national report at scale {scale}"] = report_timing()
            if args.page_cache in ("off", "both"):
                results.append(measure(scale, args, cookies, page_cache=False))
            if args.page_cache in ("on", "both"):
                results.append(measure(scale, args, cookies, page_cache=True))
        if not args.no_mixed:
            mixed_results.append(measure_mixed(scale, args))
    payload = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
        "command": " ".join(sys.argv),
        "workers": args.workers,
        "connections": args.connections,
        "seconds": args.seconds,
        "timings": timings,
        "results": results,
        "mixed": mixed_results,
    }
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{payload['date'].replace(':', '')}.json"
    path.write_text(json.dumps(payload, indent=2))
    for result in results:
        c = result["ceiling"]
        print(
            f"\nscale {result['scale']}, page cache {'on' if result['page_cache'] else 'off'} — ceiling ({c['body_kb']} KB, no database): {c['rps']} req/s, p50 {c['p50']:.0f} ms, p95 {c['p95']:.0f} ms, p99 {c['p99']:.0f} ms"
        )
        print(
            f"{'page':30} {'req/s':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'queries':>7} {'ratio':>6} {'target':>6} {'errors':>6}"
        )
        for r in result["pages"]:
            ratio = r["ratio"] or 0.0
            mark = "" if ratio >= r["target_ratio"] else "  (below target)"
            print(
                f"{r['page']:30} {r['rps']:8.1f} {r['p50']:6.0f} {r['p95']:6.0f} {r['p99']:6.0f} {r['queries']:7d} {ratio:6.2f} {r['target_ratio']:6.2f} {r['errors']:6d}{mark}"
            )
    for m in mixed_results:
        ro, ww = m["read_only"], m["with_writes"]
        print(
            f"\nmixed scenario, scale {m['scale']}, page cache on — anonymous readers over {len(PUBLIC) - 1} public pages:"
            f"\n  read-only:            {ro['rps']:8.1f} req/s, hit rate {ro['hit_rate']:.1%}, p99 {ro['p99']:.0f} ms, errors {ro['errors']}"
            f"\n  one write a second:   {ww['rps']:8.1f} req/s, hit rate {ww['hit_rate']:.1%}, p99 {ww['p99']:.0f} ms, errors {ww['errors']}, writes {ww.get('writes')}"
            f"\n  throughput kept: {m['ratio']} (target {m['target_ratio']})"
        )
    for name, seconds in timings.items():
        print(f"{name}: {seconds} s")
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
