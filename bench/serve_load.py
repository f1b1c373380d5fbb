"""Load `eventwire serve` over HTTP on 127.0.0.1: throughput, latency, errors and memory.

Usage: python bench/serve_load.py [--events 100000] [--seconds 20] [--clients 8] [--db /tmp/serve-load.duckdb]

Builds a store of ``--events`` merged events as ``serve_latency.py`` does (real mentions, copied in
SQL), starts ``eventwire serve`` on a free port of 127.0.0.1 as its own process, then for each main
endpoint runs ``--clients`` threads, each with one keep-alive connection, sending requests back to
back for ``--seconds``. Prints per endpoint: requests, requests/s, p50 and p99 latency, errors (any
answer but 200, or a dropped connection), and the server's resident memory (VmRSS) after a warm-up
and at the end. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ENDPOINTS = (
    ("store overview", "/api"),
    ("list, newest first", "/api/events?limit=50&order=desc"),
    ("list, type + year", "/api/events?limit=50&type=ASSAULT&since=2019-01-01&until=2019-12-31"),
    ("list, sentence text", "/api/events?limit=50&q=drone"),
    ("counts per month by type", "/api/counts?interval=month&by=type"),
    ("map clusters, world", "/api/map?cell=8"),
    ("one event", None),
    ("articles", "/api/articles?limit=20"),
)


def rss_kib(pid: int) -> int:
    """Return the resident memory of process ``pid`` in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def start_server(db: Path, *, host: str = "127.0.0.1") -> tuple[subprocess.Popen, int]:
    """Start ``eventwire serve`` on a free port; return the process and the port once it answers."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port = sock.getsockname()[1]
    eventwire = Path(sys.executable).with_name("eventwire")
    proc = subprocess.Popen([str(eventwire), "serve", "--db", str(db), "--host", host, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            con = http.client.HTTPConnection(host, port, timeout=5)
            con.request("GET", "/api")
            if con.getresponse().status == 200:
                con.close()
                return proc, port
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("eventwire serve did not start")
        time.sleep(0.1)


def hammer(port: int, path: str, *, seconds: float, clients: int) -> dict:
    """Send ``path`` from ``clients`` threads for ``seconds``; return counts and latencies (ms)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], []
        while time.monotonic() < stop_at:
            t0 = time.perf_counter()
            try:
                con.request("GET", path)
                response = con.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as exc:
                bad.append(type(exc).__name__)
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t0) * 1000)
        con.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies), "per_second": len(latencies) / elapsed, "errors": len(errors),
        "error_kinds": sorted(set(errors)), "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))] if latencies else float("nan"),
    }  # fmt: skip


def run(db: Path, *, seconds: float, clients: int, report=print) -> dict:
    """Load every endpoint in turn against a server on ``db``; return the results and memory figures."""
    proc, port = start_server(db)
    try:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        con.request("GET", "/api/events?limit=1")
        one = json.loads(con.getresponse().read())["events"][0]["id"]
        con.close()
        paths = [(name, path or f"/api/events/{one}") for name, path in ENDPOINTS]
        for _, path in paths:  # warm-up: every code path once, so later growth is a leak, not a first use
            hammer(port, path, seconds=min(1.0, seconds), clients=clients)
        rss_start = rss_kib(proc.pid)
        results = {}
        report(f"{'endpoint':<26} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, path in paths:
            result = results[name] = hammer(port, path, seconds=seconds, clients=clients)
            report(f"{name:<26} {result['requests']:>9,} {result['per_second']:>8.1f} {result['p50']:>8.1f} "
                   f"{result['p99']:>8.1f} {result['errors']:>7}{'  ' + ', '.join(result['error_kinds']) if result['errors'] else ''}")  # fmt: skip
        rss_end = rss_kib(proc.pid)
        report(f"server RSS after warm-up {rss_start / 1024:.0f} MiB, at the end {rss_end / 1024:.0f} MiB")
        return {"results": results, "rss_start_kib": rss_start, "rss_end_kib": rss_end}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    from serve_latency import fresh_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="Load time per endpoint.")
    parser.add_argument("--clients", type=int, default=8, help="Concurrent client connections.")
    parser.add_argument("--db", type=Path, default=Path("/tmp/serve-load.duckdb"))
    parser.add_argument("--reuse", action="store_true", help="Use the store at --db as it is.")
    args = parser.parse_args()
    fresh_store(args.db, args.events, reuse=args.reuse)
    print(f"{args.clients} clients, {args.seconds:g} s per endpoint")
    outcome = run(args.db, seconds=args.seconds, clients=args.clients)
    sys.exit(1 if any(r["errors"] for r in outcome["results"].values()) else 0)


if __name__ == "__main__":
    main()
