"""Load generators of `make bench`: wrk for pages, Python threads for API clients, a raw tus client.

Nothing here imports Django: these functions only talk HTTP to the gunicorn under test.
"""

import base64
import http.client
import itertools
import math
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

HOST = "127.0.0.1"


def percentile(values, fraction):
    """Nearest-rank percentile (``fraction`` in 0..1) of a list of numbers; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


# --- wrk ---------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    url: str
    requests_per_second: float
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    errors: int  # non-2xx/3xx answers plus socket errors
    raw: str = ""


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url, *, seconds=10, connections=8, threads=1, headers=(), log_to=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    if log_to:
        with open(log_to, "a") as handle:
            handle.write(f"$ {' '.join(command)} {url}\n{output}\n")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(group) for group in match.groups())
    latencies = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE))

    def parse(text):
        if not text:
            return None
        number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
        return _ms(number, unit)

    return WrkResult(
        url, rate, parse(latencies.get("50")), parse(latencies.get("99")), requests, errors, output
    )


# --- a pool of HTTP clients ----------------------------------------------------------------------


@dataclass
class Sample:
    status: int  # 0: the connection failed
    seconds: float
    finished: float  # perf_counter() when the answer arrived
    body: bytes = b""


@dataclass
class PoolResult:
    samples: list = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0

    def by_status(self, *statuses):
        return [sample for sample in self.samples if sample.status in statuses]

    def latencies_ms(self, *statuses):
        chosen = self.by_status(*statuses) if statuses else self.samples
        return [sample.seconds * 1000 for sample in chosen]


def request(port, method, path, body=None, headers=None, timeout=120):
    """One request on a fresh connection (gunicorn's sync workers close every connection anyway)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def run_pool(*, ports, method, path, count, concurrency, body_for=None, headers=None):
    """``count`` requests from ``concurrency`` threads as fast as the server answers (closed loop).
    Client ``i`` talks to ``ports[i % len(ports)]``; ``body_for(n)`` gives the n-th request's body."""
    numbers = itertools.count()
    lock = threading.Lock()
    result = PoolResult()
    start = threading.Barrier(concurrency + 1)

    def client(index):
        port = ports[index % len(ports)]
        mine = []
        start.wait()
        while (number := next(numbers)) < count:
            body = body_for(number) if body_for else None
            began = time.perf_counter()
            try:
                status, data, _headers = request(port, method, path, body, headers)
            except OSError:
                status, data = 0, b""
            ended = time.perf_counter()
            mine.append(Sample(status, ended - began, ended, data if status not in (200, 201) else b""))
        with lock:
            result.samples.extend(mine)

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(concurrency)]
    for thread in threads:
        thread.start()
    start.wait()
    result.started = time.perf_counter()
    for thread in threads:
        thread.join()
    result.finished = time.perf_counter()
    return result


def run_paced(*, port, clients, per_second, seconds, make_request):
    """Open loop: ``clients`` threads, each sending ``per_second`` requests a second on schedule
    (like scanners at a door). ``make_request(client, n)`` returns (method, path, body, headers)."""
    lock = threading.Lock()
    result = PoolResult()
    interval = 1.0 / per_second
    total = int(seconds * per_second)
    begin = time.perf_counter() + 0.2

    def client(index):
        mine = []
        for number in range(total):
            due = begin + number * interval + index * interval / clients
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            method, path, body, headers = make_request(index, number)
            began = time.perf_counter()
            try:
                status, data, _headers = request(port, method, path, body, headers)
            except OSError:
                status, data = 0, b""
            ended = time.perf_counter()
            mine.append(Sample(status, ended - began, ended, data))
        with lock:
            result.samples.extend(mine)

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(clients)]
    result.started = begin
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.finished = time.perf_counter()
    return result


# --- tus ------------------------------------------------------------------------------------------


@dataclass
class TusResult:
    length: int
    seconds: float
    sent: int  # bytes the client put on the wire in PATCH bodies, the cut one included
    resent: int  # sent - length
    offset_after_cut: int
    cut_at: int
    chunk: int
    statuses: list = field(default_factory=list)


class Chunks:
    """Generated bytes: one random block, sliced; never written to disk by the client."""

    def __init__(self, chunk):
        self.block = os.urandom(chunk)

    def get(self, offset, size):
        start = offset % len(self.block)
        data = self.block[start : start + size]
        while len(data) < size:
            data += self.block[: size - len(data)]
        return data


def _patch(port, path, offset, data, headers):
    status, _body, answer = request(
        port,
        "PATCH",
        path,
        data,
        {
            **headers,
            "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": str(offset),
            "Content-Length": str(len(data)),
        },
    )
    if status != 204:
        raise RuntimeError(f"PATCH at {offset} answered {status}")
    return int(answer["Upload-Offset"])


def _cut_patch(port, path, offset, data, headers, send):
    """Start a PATCH of ``data`` but drop the connection after ``send`` bytes of the body."""
    lines = [
        f"PATCH {path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        "Content-Type: application/offset+octet-stream",
        f"Upload-Offset: {offset}",
        f"Content-Length: {len(data)}",
        *(f"{name}: {value}" for name, value in headers.items()),
        "",
        "",
    ]
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall("\r\n".join(lines).encode())
        sock.sendall(data[:send])
        time.sleep(0.5)  # let the server read what arrived before the cable is "pulled"
        sock.shutdown(socket.SHUT_RDWR)


def tus_upload(*, port, create_path, length, chunk, headers, cut=True, on_chunk=None):
    """Upload ``length`` generated bytes in ``chunk``-sized PATCH requests (as Uppy does), cutting the
    connection once in the middle of the chunk that crosses the half of the file, then resuming from
    the offset the server reports (HEAD) — what tus-js-client does after a dropped connection."""
    chunks = Chunks(chunk)
    base = {**headers, "Tus-Resumable": "1.0.0"}
    metadata = "filename " + base64.b64encode(b"bench.mp4").decode()
    status, body, answer = request(
        port, "POST", create_path, b"", {**base, "Upload-Length": str(length), "Upload-Metadata": metadata}
    )
    if status != 201:
        raise RuntimeError(f"tus creation answered {status}: {body[:200]!r}")
    path = urlsplit(answer["Location"]).path
    offset, sent, cut_at, offset_after_cut = 0, 0, 0, 0
    began = time.perf_counter()
    while offset < length:
        size = min(chunk, length - offset)
        data = chunks.get(offset, size)
        if cut and not cut_at and offset + size > length // 2:
            half = size // 2
            _cut_patch(port, path, offset, data, base, half)
            sent += half
            cut_at = offset + half
            _status, _body, answer = request(port, "HEAD", path, None, base)
            offset_after_cut = int(answer["Upload-Offset"])
            offset = offset_after_cut
            continue
        offset = _patch(port, path, offset, data, base)
        sent += size
        if on_chunk:
            on_chunk(offset)
    seconds = time.perf_counter() - began
    return TusResult(length, seconds, sent, sent - length, offset_after_cut, cut_at, chunk), path


def disk_write(path, *, length, chunk):
    """The same bytes in the same chunks written to a local file (fsync per chunk, as the server
    does per PATCH): the ceiling of the upload. The file is deleted at once."""
    chunks = Chunks(chunk)
    began = time.perf_counter()
    with open(path, "wb") as handle:
        offset = 0
        while offset < length:
            size = min(chunk, length - offset)
            handle.write(chunks.get(offset, size))
            handle.flush()
            os.fsync(handle.fileno())
            offset += size
    seconds = time.perf_counter() - began
    os.unlink(path)
    return seconds


# --- processes ------------------------------------------------------------------------------------


def worker_pids(master_pid):
    children = set()
    for task in os.listdir(f"/proc/{master_pid}/task"):
        try:
            with open(f"/proc/{master_pid}/task/{task}/children") as handle:
                children.update(int(pid) for pid in handle.read().split())
        except OSError:
            continue
    return sorted(children)


def memory_kb(pid, field_name="VmRSS"):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return 0


def wait_for_port(port, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            status, _body, _headers = request(port, "GET", "/bench/bare", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {seconds} s")


def have_wrk():
    return shutil.which("wrk") is not None
