"""The vote-casting burst: every voter presses the button once, at a moment drawn at random
within the window, as at a members' meeting when the chair opens the vote.

Arrivals are open-loop (a slow answer does not delay the next voter), so the latencies are
what the voters would feel, queueing included. Each voter has a connection of its own, as
each is a browser of its own.

The client is plain asyncio streams writing HTTP/1.1 by hand: it shares the machine's two
cores with the server, and a full HTTP client spent several milliseconds of them on each
request, which the server's figures then paid for.
"""

import asyncio
import random
import time
from urllib.parse import urlencode, urlsplit

from .sessions import USER_AGENT


def _request(host, cast):
    body = urlencode(cast["data"]).encode()
    head = (f"POST {cast['path']} HTTP/1.1\r\nHost: {host}\r\nCookie: {cast['cookie']}\r\n"
            f"User-Agent: {USER_AGENT}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode() + body


async def _send(address, host, cast, timeout):
    reader, writer = await asyncio.open_connection(*address)
    try:
        writer.write(_request(host, cast))
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(-1), timeout)  # to the end: Connection: close
    finally:
        writer.close()
    status_line, _, rest = answer.partition(b"\r\n")
    parts = status_line.split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else status_line.decode(errors="replace")
    return status, rest.partition(b"\r\n\r\n")[2]


async def _run(base_url, casts, window, seed, timeout):
    rng = random.Random(seed)
    where = urlsplit(base_url)
    address, host = (where.hostname, where.port), where.netloc
    started = time.perf_counter()

    async def one(cast, delay):
        await asyncio.sleep(delay)
        sent = time.perf_counter()
        try:
            status, body = await _send(address, host, cast, timeout)
            ok = status == 200 and cast["success_text"].encode() in body
        except (OSError, asyncio.TimeoutError) as error:
            ok, status = False, type(error).__name__
        return {"ok": ok, "status": status, "latency": time.perf_counter() - sent, "at": sent - started}

    results = await asyncio.gather(*(one(cast, rng.uniform(0, window)) for cast in casts))
    return results, time.perf_counter() - started


def run(base_url, casts, *, window=10.0, seed=2026, timeout=60.0):
    """Send every cast once within ``window`` seconds; returns the results and the time taken."""
    return asyncio.run(_run(base_url, casts, window, seed, timeout))
