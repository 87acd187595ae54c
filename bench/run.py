"""`make bench`: Edufest measured against the framework's own limit, in one run (issue 9).

Creates its own PostgreSQL database, migrates, seeds what each benchmark needs, starts gunicorn
(2 sync workers, production settings with a bench environment) and prints one table of absolute
figures and ratios against baselines measured in the same run; writes it to bench/results.md.
Benchmarks never fail on timing: the exit status is 0 unless the run itself broke.

Knobs (environment): BENCH_DATABASE (edufest_bench), BENCH_POSTGRES (postgres://postgres@127.0.0.1:5432),
BENCH_CACHE_URL (redis://127.0.0.1:6379/14 when Redis answers, else the database cache; the run
clears it), BENCH_UPLOAD_MB (1024), BENCH_PLACES (1000), BENCH_SECONDS (10, per wrk run),
BENCH_CHECKIN_SECONDS (20), BENCH_CALENDAR_EVENTS (1000), BENCH_LIST_ITEMS (500),
BENCH_KEEP_DB=1 (reuse a migrated bench database: for working on the bench itself), BENCH_PARTS
(comma-separated subset of queries,pages,calendars,registration,checkin,upload: all by default), BENCH_RESULTS
(bench/results.md), BENCH_NOTE (a line added to the results).
"""

import contextlib
import datetime
import json
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import django
import psycopg
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "tmp"
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.md")).resolve()
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

from bench import load  # noqa: E402
from cms.calendar import bump_calendar_version  # noqa: E402

CHUNK = 5 * 1024 * 1024  # Uppy's chunkSize in contests/static/contests/upload.js
CONCURRENCY = 64
PARTS = ("queries", "pages", "calendars", "registration", "checkin", "upload")
WRK_LOG = TMP / "wrk.log"  # raw wrk output of the last run


def env_int(name, default):
    return int(os.environ.get(name, default))


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_wrk():
    if load.have_wrk():
        return
    log("wrk is missing: installing the Debian package")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*prefix, "apt-get", "install", "-y", "-q", "wrk"], check=True)  # noqa: S603


# --- environment and database ---------------------------------------------------------------------


def bench_environment(port):
    database = os.environ.get("BENCH_DATABASE", "edufest_bench")
    postgres = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    cache_url = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")
    if cache_url.startswith("redis") and not redis_answers(cache_url):
        cache_url = ""  # the database cache, shared by every process like Redis
    return {
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "DATABASE_URL": f"{postgres}/{database}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no proxy
        "SECURE_HSTS_SECONDS": "0",
        "EDUFEST_API_RATE_LIMIT": "0",  # lifted for the run
        "EDUFEST_BENCH_VIEWS": "true",  # the baselines under /bench/
        "EDUFEST_VAR_DIR": str(TMP / "var"),
        "STATIC_ROOT": str(TMP / "static"),
        "EMAIL_URL": f"file://{TMP / 'mail'}",
        "CACHE_URL": cache_url,
        "LOG_LEVEL": "ERROR",  # 409 "full" answers are expected by the thousand
    }


def recreate_database(url):
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and os.environ.get("BENCH_KEEP_DB") == "1":
            return False
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return True


class Server:
    """One gunicorn instance: 2 sync workers, production settings, the bench environment."""

    def __init__(self, port, workers=2):
        self.port = port
        self.workers = workers
        self.process = None

    def start(self):
        TMP.mkdir(exist_ok=True)
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "--pythonpath", "site", "wsgi:application",
            "--workers", str(self.workers),
            "--bind", f"127.0.0.1:{self.port}",
            "--backlog", "2048",
            "--log-level", "warning",
        ]  # fmt: skip
        self.log = open(TMP / f"gunicorn-{self.port}.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=os.environ.copy(), start_new_session=True, stdout=self.log, stderr=self.log
        )
        load.wait_for_port(self.port)
        return self

    def workers_pids(self):
        return load.worker_pids(self.process.pid)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()


class Worker:
    """One task worker (``manage.py db_worker``), as ``make run`` and production run it."""

    def start(self):
        TMP.mkdir(exist_ok=True)
        self.log = open(TMP / "worker.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT, env=os.environ.copy(), start_new_session=True, stdout=self.log, stderr=self.log,
        )  # fmt: skip
        return self

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- the table ------------------------------------------------------------------------------------


class Table:
    def __init__(self):
        self.rows = []  # (part, what, value, baseline, ratio, target, verdict)

    def add(self, part, what, value, baseline="", ratio="", target="", verdict=""):
        self.rows.append((part, what, value, baseline, ratio, target, verdict))
        log(
            f"  {what}: {value}"
            + (f"  [{baseline}; {ratio}]" if baseline else "")
            + (f"  {verdict}" if verdict else "")
        )

    def sorted_rows(self):
        return sorted(self.rows, key=lambda row: row[0])  # by part; stable within a part

    def text(self):
        header = ("#", "measure", "value", "baseline (same run)", "ratio", "target", "met?")
        widths = [max(len(str(row[i])) for row in [header, *self.rows]) for i in range(len(header))]
        line = lambda row: "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))  # noqa: E731
        return "\n".join(
            [line(header), line(["-" * width for width in widths]), *map(line, self.sorted_rows())]
        )

    def markdown(self):
        header = ("#", "measure", "value", "baseline (same run)", "ratio", "target", "met?")
        escape = lambda cell: str(cell).replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in self.sorted_rows()]
        return "\n".join(lines)


def number(value):
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def at_least(value, target, unit=""):
    if value is None:
        return "not measured"
    if value >= target:
        return "met"
    return f"missed by {(target - value) / target:.0%} ({number(value)}{unit} of {number(target)}{unit})"


def at_most(value, target, unit=""):
    if value is None:
        return "not measured"
    if value <= target:
        return "met"
    if value >= 2 * target:
        return f"missed: {value / target:.1f}x the limit ({number(value)}{unit} > {number(target)}{unit})"
    return f"missed by {(value - target) / target:.0%} ({number(value)}{unit} > {number(target)}{unit})"


def fmt(value, digits=0, unit=""):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}{unit}"


def ratio(value, baseline):
    return value / baseline if value is not None and baseline else None


# --- the parts ------------------------------------------------------------------------------------


def page_path(page):
    url = page.get_url()
    return urlsplit(url).path if url.startswith("http") else url


def part_pages(table, port, seconds):
    from bench import seed  # noqa: PLC0415 — after django.setup() in main(): bench.seed imports the models

    log("1. Public pages (wrk, loopback)")
    base = f"http://127.0.0.1:{port}"
    event = page_path(seed.demo_event())
    for path in ("/", event):
        load.request(port, "GET", path)
        status, _body, headers = load.request(port, "GET", path)
        if status != 200 or headers.get("X-Page-Cache") != "hit":
            log(f"  warning: {path} answered {status}, X-Page-Cache={headers.get('X-Page-Cache')}")
    nocache = "Cookie: sessionid=bench-uncached"  # a session cookie keeps the page cache out of the way
    status, _body, headers = load.request(port, "GET", event, headers={"Cookie": "sessionid=bench-uncached"})
    if status != 200 or "X-Page-Cache" in headers:
        log(f"  warning: uncached event page answered {status}, X-Page-Cache={headers.get('X-Page-Cache')}")
    bare_first = load.run_wrk(f"{base}/bench/bare", seconds=seconds, log_to=WRK_LOG)
    home = load.run_wrk(f"{base}/", seconds=seconds, log_to=WRK_LOG)
    cached = load.run_wrk(f"{base}{event}", seconds=seconds, log_to=WRK_LOG)
    uncached = load.run_wrk(f"{base}{event}", seconds=seconds, headers=[nocache], log_to=WRK_LOG)
    bare_last = load.run_wrk(f"{base}/bench/bare", seconds=seconds, log_to=WRK_LOG)
    bare = statistics.mean([bare_first.requests_per_second, bare_last.requests_per_second])
    baseline = f"bare view {fmt(bare)}/s ({fmt(bare_first.requests_per_second)} before, {fmt(bare_last.requests_per_second)} after)"
    for what, result, target in (
        ("home page, cached", home, 0.7),
        ("event page, cached", cached, 0.7),
        ("event page, uncached", uncached, None),
    ):
        share = ratio(result.requests_per_second, bare)
        errors = f", {result.errors} errors" if result.errors else ""
        table.add(
            "1",
            what,
            f"{fmt(result.requests_per_second)} req/s, p50 {fmt(result.p50_ms, 1)} ms{errors}",
            baseline,
            f"{share:.2f}x bare",
            f"≥ {target}x bare" if target else "(none)",
            at_least(share, target) if target else "",
        )
    return {"bare": bare, "cached_event": cached.requests_per_second, "event_path": event}


def registration_body(ticket_type_id, tag):
    def body(number):
        return json.dumps(
            {
                "ticket_type": ticket_type_id,
                "name": f"Uczestnik {number}",
                "email": f"u{number}.{tag}@bench.example.org",
                "privacy_consent": True,
            }
        ).encode()

    return body


def rush(ports, places, label):
    """64 clients POST registrations to an event with ``places`` places until 25 % past full."""
    from bench import seed  # noqa: PLC0415 — after django.setup() in main(): bench.seed imports the models

    event, ticket_type = seed.rush_event(places=places, title=f"Bench rush {label}")
    path = f"/api/v1/events/{event.pk}/registrations"
    result = load.run_pool(
        ports=ports,
        method="POST",
        path=path,
        count=places + places // 4,
        concurrency=CONCURRENCY,
        body_for=registration_body(ticket_type.pk, secrets.token_hex(3)),
        headers={"Content-Type": "application/json"},
    )
    created = result.by_status(201)
    full = [s for s in result.by_status(409) if json.loads(s.body or b"{}").get("code") == "full"]
    errors = len(result.samples) - len(created) - len(full)
    last = max((s.finished for s in created), default=result.started)
    rate = len(created) / (last - result.started) if created else None
    confirmed_places, capacity, confirmed, tickets = seed.oversold(ticket_type)
    return {
        "ticket_type": ticket_type,
        "rate": rate,
        "created": len(created),
        "full": len(full),
        "errors": errors,
        "statuses": sorted({s.status for s in result.samples}),
        "p50": load.percentile(result.latencies_ms(201), 0.5),
        "p95": load.percentile(result.latencies_ms(201), 0.95),
        "p95_all": load.percentile(result.latencies_ms(), 0.95),
        "oversold": max(0, confirmed_places - capacity),
        "confirmed": confirmed,
        "tickets": tickets,
        "capacity": capacity,
    }


def bare_inserts(ports, count):
    from bench import seed  # noqa: PLC0415 — after django.setup() in main(): bench.seed imports the models

    before = seed.baseline_rows()
    result = load.run_pool(
        ports=ports,
        method="POST",
        path="/bench/insert",
        count=count,
        concurrency=CONCURRENCY,
        body_for=lambda number: f"row {number}".encode(),
        headers={"Content-Type": "application/octet-stream"},
    )
    created = result.by_status(201)
    return {
        "rate": len(created) / (result.finished - result.started),
        "p50": load.percentile(result.latencies_ms(201), 0.5),
        "p95": load.percentile(result.latencies_ms(201), 0.95),
        "errors": len(result.samples) - len(created),
        "rows": seed.baseline_rows() - before,
    }


def drain_outbox(since, seconds=600):
    """Wait until the worker has sent every mail queued since ``since``; (sent, other, seconds after the rush)."""
    from cms.outbox.models import OutgoingEmail  # noqa: PLC0415 — after django.setup() in main(): a model

    started = time.perf_counter()
    pending = (OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.SENDING, OutgoingEmail.Status.RETRY)
    rows = OutgoingEmail.objects.filter(created_at__gte=since)
    while rows.filter(status__in=pending).exists() and time.perf_counter() - started < seconds:
        time.sleep(0.2)
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    sent = counts.pop(OutgoingEmail.Status.SENT, 0)
    return sent, counts, time.perf_counter() - started


def part_registration(table, server, places):
    log(f"2. Registration rush ({CONCURRENCY} clients, {places} places, 25 % more requests than places)")
    bare = bare_inserts([server.port], places)
    since = timezone.now()
    worker = Worker().start()
    try:
        rush_started = time.perf_counter()
        one = rush([server.port], places, "one instance")
        rush_seconds = time.perf_counter() - rush_started
        sent, other, drain = drain_outbox(since)
    finally:
        worker.stop()
    table.add(
        "2",
        "confirmation mails (1 gunicorn, 1 task worker alongside)",
        f"{sent} sent with QR code and .ics; the last {fmt(drain, 1)} s after the rush"
        + (f"; not sent: {other}" if other else ""),
        f"rush {fmt(rush_seconds, 1)} s",
        "",
        "every confirmation sent",
        "met" if sent == one["created"] and not other else "MISSED",
    )
    second = Server(free_port()).start()
    try:
        bare_two = bare_inserts([server.port, second.port], places)
        two = rush([server.port, second.port], places, "two instances")
    finally:
        second.stop()
    for label, result, baseline in (("1 gunicorn", one, bare), ("2 gunicorns", two, bare_two)):
        share = ratio(result["rate"], baseline["rate"])
        base_text = f"bare insert {fmt(baseline['rate'])}/s, p95 {fmt(baseline['p95'])} ms" + (
            f", {baseline['errors']} errors" if baseline["errors"] else ""
        )
        table.add(
            "2",
            f"registrations/s ({label})",
            f"{fmt(result['rate'])}/s ({result['created']} confirmed, {result['full']} refused full)",
            base_text,
            f"{share:.2f}x bare insert" if share else "—",
            "≥ 100/s and ≥ 0.25x bare insert",
            "; ".join(
                part for part in (at_least(result["rate"], 100, "/s"), at_least(share, 0.25)) if part != "met"
            )
            or "met",
        )
        table.add(
            "2",
            f"registration latency ({label})",
            f"p50 {fmt(result['p50'])} ms, p95 {fmt(result['p95'])} ms (p95 of all answers {fmt(result['p95_all'])} ms)",
            f"bare insert p50 {fmt(baseline['p50'])} ms",
            f"{ratio(baseline['p50'], result['p50']):.2f}x bare p50" if result["p50"] else "—",
            "p95 < 500 ms",
            at_most(result["p95"], 500, " ms"),
        )
        sound = result["oversold"] == 0 and result["confirmed"] == result["created"] == result["tickets"]
        table.add(
            "2",
            f"oversold / errors ({label})",
            f"{result['oversold']} oversold, {result['errors']} errors "
            f"(database: {result['confirmed']} confirmed of {result['capacity']} places, {result['tickets']} tickets; "
            f"answers {result['statuses']})",
            "",
            "",
            "0 and 0",
            "met" if sound and result["errors"] == 0 else "MISSED",
        )
    return one["ticket_type"]


def part_checkin(table, port, ticket_type, seconds):
    from bench import seed  # noqa: PLC0415 — after django.setup() in main(): bench.seed imports the models

    log("3. Check-in (4 scanners x 5 scans/s)")
    token = seed.api_token()
    codes = seed.ticket_secrets(ticket_type)
    per_client = 5 * seconds
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def scan(client, number):
        secret = codes[(client * per_client + number) % len(codes)]
        body = json.dumps({"secret": secret, "scan_id": uuid.uuid4().hex, "device": f"bench-{client}"})
        return "POST", "/api/v1/checkin", body.encode(), headers

    scans = load.run_paced(port=port, clients=4, per_second=5, seconds=seconds, make_request=scan)
    bare = load.run_paced(
        port=port,
        clients=4,
        per_second=5,
        seconds=seconds,
        make_request=lambda c, n: ("GET", "/bench/bare", None, {}),
    )
    results = {}
    for sample in scans.samples:
        answer = (
            json.loads(sample.body or b"{}").get("result", f"HTTP {sample.status}")
            if sample.status == 200
            else f"HTTP {sample.status}"
        )
        results[answer] = results.get(answer, 0) + 1
    p50, p95 = load.percentile(scans.latencies_ms(), 0.5), load.percentile(scans.latencies_ms(), 0.95)
    bare50, bare95 = load.percentile(bare.latencies_ms(), 0.5), load.percentile(bare.latencies_ms(), 0.95)
    table.add(
        "3",
        "check-in scan latency",
        f"p50 {fmt(p50, 1)} ms, p95 {fmt(p95, 1)} ms ({len(scans.samples)} scans: {results})",
        f"bare view p50 {fmt(bare50, 1)} ms, p95 {fmt(bare95, 1)} ms",
        f"{ratio(bare50, p50):.2f}x bare p50",
        "p95 < 50 ms",
        at_most(p95, 50, " ms"),
    )


def part_upload(table, server, megabytes):
    from bench import seed  # noqa: PLC0415 — after django.setup() in main(): bench.seed imports the models

    log(f"4. Film upload (tus, {megabytes} MB of generated data, {CHUNK // 2**20} MB chunks)")
    length = megabytes * 2**20
    private = TMP / "var" / "private"
    private.mkdir(parents=True, exist_ok=True)
    disk_seconds = load.disk_write(private / "disk-baseline.bin", length=length, chunk=CHUNK)
    entry_id, session, csrf = seed.teacher_session(upload_mb=megabytes)
    headers = {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}
    pids = server.workers_pids()
    before = {pid: load.memory_kb(pid) for pid in pids}
    peak = dict(before)
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            for pid in pids:
                with contextlib.suppress(OSError):
                    peak[pid] = max(peak[pid], load.memory_kb(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result, _path = load.tus_upload(
            port=server.port,
            create_path=f"/szkola/zgloszenia/{entry_id}/film/tus/",
            length=length,
            chunk=CHUNK,
            headers=headers,
        )
    finally:
        stop.set()
        sampler.join()
    stored = seed.film_path(entry_id)
    size = os.path.getsize(stored) if stored and os.path.exists(stored) else None
    if stored and os.path.exists(stored):
        os.unlink(stored)  # 1 GB is not kept a moment longer than the measurement
    growth_mb = max(peak[pid] - before[pid] for pid in pids) / 1024
    restarted = sorted(set(server.workers_pids()) - set(pids))
    upload_rate = length / 2**20 / result.seconds
    disk_rate = length / 2**20 / disk_seconds
    table.add(
        "4",
        "server RSS growth during the upload",
        f"{growth_mb:.1f} MB (worker RSS before {', '.join(f'{kb / 1024:.0f}' for kb in before.values())} MB)"
        + (f"; workers restarted: {restarted}" if restarted else ""),
        "",
        "",
        "≤ 64 MB",
        at_most(growth_mb, 64, " MB"),
    )
    table.add(
        "4",
        "upload throughput",
        f"{upload_rate:.0f} MB/s ({megabytes} MB in {result.seconds:.1f} s; stored {size} bytes, "
        f"{'complete' if size == length else 'INCOMPLETE'})",
        f"same bytes to disk, fsync per chunk {disk_rate:.0f} MB/s",
        f"{ratio(upload_rate, disk_rate):.2f}x disk",
        "(none)",
        "",
    )
    table.add(
        "4",
        "bytes re-sent after a cut in the middle",
        f"{result.resent:,} bytes (cut after {result.cut_at:,}; server kept {result.offset_after_cut:,})",
        f"chunk {CHUNK:,} bytes",
        f"{result.resent / CHUNK:.2f} chunk",
        "≤ 1 chunk",
        at_most(result.resent, CHUNK, " B"),
    )


def part_calendars(table, port, seconds, pages):
    log("5. Calendars (/calendar.ics)")
    status, body, _headers = load.request(port, "GET", "/calendar.ics")
    if status != 200:
        log(f"  warning: /calendar.ics answered {status}")
    events = body.count(b"BEGIN:VEVENT")
    colds = []
    for _ in range(5):
        bump_calendar_version()
        # The server's processes keep the version they read for up to this long (cms.cache).
        time.sleep(float(os.environ.get("EDUFEST_PAGE_CACHE_LOCAL_SECONDS", "1")) + 0.1)
        began = time.perf_counter()
        _status, body, _headers = load.request(port, "GET", "/calendar.ics")
        colds.append((time.perf_counter() - began) * 1000)
    warm = load.run_wrk(f"http://127.0.0.1:{port}/calendar.ics", seconds=seconds, log_to=WRK_LOG)
    share = ratio(warm.requests_per_second, pages["cached_event"])
    # Calendar clients (Google, Outlook, Apple) ask for gzip; the feed is kept compressed for them.
    gzipped = load.run_wrk(
        f"http://127.0.0.1:{port}/calendar.ics",
        seconds=seconds,
        headers=("Accept-Encoding: gzip",),
        log_to=WRK_LOG,
    )
    gzip_share = ratio(gzipped.requests_per_second, pages["cached_event"])
    table.add(
        "5",
        f"feed cold ({events} VEVENTs, {len(body) // 1024} KB)",
        f"median {fmt(statistics.median(colds))} ms of {len(colds)} (after a version bump each, and the "
        "servers' 1 s local copy of the version run out)",
        "",
        "",
        "(none)",
        "",
    )
    table.add(
        "5",
        "feed warm",
        f"{fmt(warm.requests_per_second)} req/s, p50 {fmt(warm.p50_ms, 1)} ms"
        + (f", {warm.errors} errors" if warm.errors else ""),
        f"cached event page {fmt(pages['cached_event'])}/s",
        f"{share:.2f}x cached page",
        "≥ 1.0x cached page",
        at_least(share, 1.0),
    )
    table.add(
        "5",
        "feed warm, gzip (as calendar clients ask)",
        f"{fmt(gzipped.requests_per_second)} req/s, p50 {fmt(gzipped.p50_ms, 1)} ms"
        + (f", {gzipped.errors} errors" if gzipped.errors else ""),
        f"cached event page {fmt(pages['cached_event'])}/s",
        f"{gzip_share:.2f}x cached page",
        "≥ 1.0x cached page",
        at_least(gzip_share, 1.0),
    )


def part_queries(table, small, large):
    from bench import queries  # noqa: PLC0415 — after django.setup() in main(): bench.queries imports the models

    log(f"6. Queries of list pages ({small} and {large} items)")
    for name, few, many in queries.run(small, large, log=log):
        table.add(
            "6",
            f"queries: {name}",
            f"{few} at {small}, {many} at {large}",
            "",
            "",
            "equal",
            "met" if few == many else f"MISSED (+{many - few})",
        )


# --- main -----------------------------------------------------------------------------------------


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: S603, S607


def machine():
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }


def busy_note(load_before, nproc):
    note = os.environ.get("BENCH_NOTE", "")
    if load_before > nproc:
        note += (
            f"\n\n**The machine was busy** (load average {load_before:.1f} on {nproc} CPUs before the run):"
            " absolute figures are low and noisy; the ratios to the baselines measured alongside them"
            " say more. Rerun on a quiet machine for figures to quote."
        )
    return note.strip()


def write_results(table, info, started, finished, load_before, load_after, cache_url):
    text = f"""# `make bench` results

Written by `make bench` (bench/run.py); figures of one run. Ratios are against baselines measured in
the same run on the same server, so they compare across machines better than the absolute numbers.
Benchmarks never fail on timing.

- date: {started:%Y-%m-%d %H:%M} UTC, {(finished - started).total_seconds() / 60:.1f} min
- machine: {info["nproc"]} CPUs, {info["cpu"]}, Python {info["python"]}
- load average (1 min) before / after: {load_before:.2f} / {load_after:.2f}
- commit: {info["commit"]}
- server: gunicorn, 2 sync workers, `settings.production`; cache: {cache_url or "database cache"};
  PostgreSQL on loopback; load generators (wrk, Python threads) on the same CPUs

{busy_note(load_before, info["nproc"])}

{table.markdown()}

How each figure is made (bench/run.py):

1. wrk (1 thread, 8 connections, {env_int("BENCH_SECONDS", 10)} s each) on loopback. Baseline: `/bench/bare`, a
   Django view returning "ok" through the same middleware, measured before and after the pages (mean).
   "Uncached" sends a session cookie, which keeps the anonymous page cache out of the way.
2. {CONCURRENCY} Python threads (stdlib http.client, one connection per request) POST
   `/api/v1/events/<id>/registrations` for an event whose only ticket type has N places and no
   waiting list, 1.25 N requests in all. registrations/s = confirmed ÷ time to the last 201;
   latency of the 201 answers. Oversold is read from the database (confirmed places minus capacity),
   errors are answers other than 201 and 409 "full". Baseline: `/bench/insert` (one row inserted
   in a transaction) with the same clients. Then again against two gunicorn instances (2 workers
   each, different ports, clients split between them) on the same database.
3. 4 threads, each POSTing `/api/v1/checkin` 5 times a second on schedule with a bearer token
   from `manage.py create_api_token`, distinct tickets of part 2. Baseline: `/bench/bare` on the
   same schedule.
4. A tus upload of generated bytes through `/szkola/zgloszenia/<id>/film/tus/` as a signed-in
   teacher, in Uppy's 5 MB chunks; the connection is dropped in the middle of the chunk that
   crosses half the file, and the client resumes from the offset HEAD reports. RSS is sampled
   from /proc/<pid>/status of both workers every 50 ms. Baseline: the same chunks written to a
   file on the same disk with an fsync per chunk. Both files are deleted right after.
5. Cold: the calendar version is bumped before each of 5 requests, and the request waits until the
   servers' local copy of the version (EDUFEST_PAGE_CACHE_LOCAL_SECONDS) has run out. Warm: wrk, compared with the
   cached event page of part 1.
6. Django's test client in the bench process (same settings and database); each page is rendered
   once to warm the per-process caches, then counted with a query string the page cache has not
   seen.
"""
    RESULTS.write_text(text)


def main():
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()[0]
    TMP.mkdir(exist_ok=True)
    WRK_LOG.unlink(missing_ok=True)
    ensure_wrk()
    port = free_port()
    os.environ.update(bench_environment(port))
    cache_url = os.environ["CACHE_URL"]
    log(f"Bench database {os.environ['DATABASE_URL']}, cache {cache_url or 'database'}, port {port}")
    fresh = recreate_database(os.environ["DATABASE_URL"])

    django.setup()
    from bench import seed  # noqa: PLC0415 — after django.setup() in main(): bench.seed imports the models

    step = time.perf_counter()
    if fresh:
        log("Migrating and seeding the demo content…")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        call_command("seed_demo", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    cache.clear()
    seed.create_baseline_table()
    log(f"  ready in {time.perf_counter() - step:.0f} s")

    table = Table()
    parts = set((os.environ.get("BENCH_PARTS") or ",".join(PARTS)).split(","))
    if "queries" in parts:
        part_queries(table, 5, env_int("BENCH_LIST_ITEMS", 500))
    if "calendars" in parts:
        step = time.perf_counter()
        total = seed.calendar_events(env_int("BENCH_CALENDAR_EVENTS", 1000))
        log(f"  {total} items in the calendar feed ({time.perf_counter() - step:.0f} s)")
    cache.clear()

    seconds = env_int("BENCH_SECONDS", 10)
    server = Server(port).start()
    try:
        if parts & {"pages", "calendars"}:
            pages = part_pages(table, port, seconds)
        if "calendars" in parts:
            part_calendars(table, port, seconds, pages)
        if parts & {"registration", "checkin"}:
            ticket_type = part_registration(table, server, env_int("BENCH_PLACES", 1000))
        if "checkin" in parts:
            part_checkin(table, port, ticket_type, env_int("BENCH_CHECKIN_SECONDS", 20))
        if "upload" in parts:
            part_upload(table, server, env_int("BENCH_UPLOAD_MB", 1024))
    finally:
        server.stop()
    finished = datetime.datetime.now(datetime.UTC)
    info = machine()
    write_results(table, info, started, finished, load_before, os.getloadavg()[0], cache_url)
    log("")
    log(
        f"Edufest bench — {started:%Y-%m-%d %H:%M} UTC — {info['nproc']} CPUs, {info['cpu']} — commit {info['commit']}"
    )
    log(table.text())
    log(f"\nWritten to {RESULTS} in {(finished - started).total_seconds() / 60:.1f} min.")


if __name__ == "__main__":
    main()
