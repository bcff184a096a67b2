"""The vote-casting burst: every voter presses the button once, at a moment drawn at random
within the window, as at a members' meeting when the chair opens the vote.

Arrivals are open-loop (a slow answer does not delay the next voter), so the latencies are
what the voters would feel, queueing included.
"""

import asyncio
import http.cookiejar
import random
import time

import httpx


def _no_cookie_jar():
    # Each request carries its own voter's cookie; answers must not leak into the others.
    return http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))


async def _run(base_url, casts, window, seed):
    rng = random.Random(seed)
    # A connection of its own for each voter, as each is a browser of its own.
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60, follow_redirects=False,
                                 cookies=_no_cookie_jar()) as client:
        started = time.perf_counter()

        async def one(cast, delay):
            await asyncio.sleep(delay)
            sent = time.perf_counter()
            try:
                response = await client.post(cast["path"], data=cast["data"], headers={"Cookie": cast["cookie"]})
                ok = response.status_code == 200 and cast["success_text"] in response.text
                status = response.status_code
            except httpx.HTTPError as error:
                ok, status = False, type(error).__name__
            return {"ok": ok, "status": status, "latency": time.perf_counter() - sent, "at": sent - started}

        results = await asyncio.gather(*(one(cast, rng.uniform(0, window)) for cast in casts))
        return results, time.perf_counter() - started


def run(base_url, casts, *, window=10.0, seed=2026):
    """Send every cast once within ``window`` seconds; returns the results and the time taken."""
    return asyncio.run(_run(base_url, casts, window, seed))
