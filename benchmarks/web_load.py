"""A bounded load test of `sociaalaankopen serve` on loopback, next to a baseline measured in the same run.

    python benchmarks/web_load.py [--clients 50] [--requests 2000] [--workers 2]

Starts the server on a free port of 127.0.0.1 (stopped by its pid at the end), then lets `--clients`
concurrent clients, each on its own keep-alive connection, send `--requests` POSTs in all to
/api/v1/match with the real tender texts of tests/data/dev_set.jsonl (title and description, in turn).
Prints requests/s, the p50/p95/p99 latency, the error count (any status but 200, or a broken
connection) and the server's worker count. The baseline is the same texts matched in this process,
one after the other, without HTTP: the ratio says what the web face costs on top of the library.

The clients are plain asyncio streams (no HTTP library), so the load generator itself stays light on
the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HOST = "127.0.0.1"


def tender_texts() -> list[str]:
    texts = []
    with (ROOT / "tests" / "data" / "dev_set.jsonl").open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            texts.append(f"{record.get('title', '')}\n{record.get('description', '')}".strip())
    return [t for t in texts if t]


def start_server(workers: int) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "sociaalaankopen", "serve", "--port", "0", "--workers", str(workers)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        process.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return process, int(found.group(1))


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, body: bytes) -> int:
    writer.write(
        b"POST /api/v1/match HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
    await reader.readexactly(length)
    return status


async def wait_ready(port: int) -> None:
    body = json.dumps({"text": "groenonderhoud"}).encode()
    for _ in range(300):
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            await _request(reader, writer, body)  # the first match loads the matcher in that worker
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise SystemExit("the server never answered")


async def load(port: int, bodies: list[bytes], clients: int, total: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    next_index = 0

    async def client() -> None:
        nonlocal errors, next_index
        reader, writer = await asyncio.open_connection(HOST, port)
        while next_index < total:
            body = bodies[next_index % len(bodies)]
            next_index += 1
            start = time.perf_counter()
            try:
                status = await _request(reader, writer, body)
            except (OSError, asyncio.IncompleteReadError, ValueError, AttributeError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors += 1
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - start


def baseline(texts: list[str], total: int) -> float:
    """Matches per second in this process, without HTTP, over the same texts (after a warm-up pass)."""
    from sociaalaankopen import Catalogue
    from sociaalaankopen.matching import matcher_for
    from sociaalaankopen.readers import compose_tender

    matcher = matcher_for(Catalogue.load())
    tenders = [compose_tender(t) for t in texts]
    for tender in tenders:
        matcher.match_tender(tender).to_dict()
    n = min(total, 500)
    start = time.perf_counter()
    for i in range(n):
        matcher.match_tender(compose_tender(texts[i % len(texts)])).to_dict()
    return n / (time.perf_counter() - start)


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server's processes (the supervisor and its workers), from /proc."""
    pids = [str(pid)]
    try:
        pids += Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    texts = tender_texts()
    bodies = [json.dumps({"text": t}).encode() for t in texts]
    process, port = start_server(args.workers)
    try:
        asyncio.run(wait_ready(port))
        asyncio.run(load(port, bodies, args.clients, min(200, args.requests)))  # warm every worker
        cpu_before = server_cpu(process.pid)
        latencies, errors, elapsed = asyncio.run(load(port, bodies, args.clients, args.requests))
        cpu_per_request = (server_cpu(process.pid) - cpu_before) / max(1, len(latencies))
    finally:
        process.terminate()
        process.wait(timeout=30)
    served = len(latencies) / elapsed
    in_process = baseline(texts, args.requests)
    ms = [x * 1000 for x in latencies]
    print(f"server: sociaalaankopen serve --workers {args.workers} on {HOST}; machine: {os.cpu_count()} cores")
    print(
        f"load:   {args.clients} concurrent clients, {args.requests} POST /api/v1/match, {len(texts)} real tender texts"
    )
    print(
        f"served: {served:,.0f} requests/s; latency p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
        f"p99 {percentile(ms, 99):.0f} ms (mean {statistics.mean(ms):.0f} ms); errors: {errors}"
    )
    print(
        f"server CPU: {cpu_per_request * 1000:.1f} ms per request, so at most {args.workers / cpu_per_request:,.0f} "
        f"requests/s with {args.workers} free cores; load average during the run: {os.getloadavg()[0]:.1f}"
    )
    print(
        f"baseline: {in_process:,.0f} matches/s in one process without HTTP; served/baseline = {served / in_process:.2f}"
    )


if __name__ == "__main__":
    main()
