from ..conftest import DEMO_PASSWORD


def test_sign_in_is_throttled_per_account(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    client = app.test_client()
    for _ in range(3):
        assert client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": "wrong"}).status_code == 200
    blocked = client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    other = client.post("/sign-in", data={"email": "officer@stevenage.example.org", "password": DEMO_PASSWORD})
    assert other.status_code == 302


def test_sign_in_is_throttled_per_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="4 per 15 minutes")
    client = app.test_client()
    for n in range(4):
        client.post("/sign-in", data={"email": f"guess{n}@example.org", "password": "wrong"})
    assert client.post("/sign-in", data={"email": "someone@example.org", "password": "x"}).status_code == 429
    assert client.get("/sign-in").status_code == 200  # reading the page is not limited


def test_successful_sign_ins_do_not_count_towards_the_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ACCOUNT="2 per 15 minutes")
    for _ in range(4):
        client = app.test_client()
        assert client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD}).status_code == 302



def test_sign_in_counts_live_in_redis_where_every_worker_reads_them(make_app):
    """As in the README's production settings: the failures are counted in Redis, not in the
    worker's memory, so a guesser cannot spread attempts over workers or machines."""
    import os
    import uuid

    import pytest
    import redis

    server = redis.Redis(host="127.0.0.1", port=6379, db=15, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15", RATELIMIT_KEY_PREFIX=prefix,
                   SIGN_IN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    try:
        for _ in range(3):
            assert app.test_client().post("/sign-in", data={"email": "rep@oxford.example.org", "password": "wrong"}).status_code == 200
        [key] = server.keys(f"LIMITS:LIMITER/{prefix}/account:rep@oxford.example.org/*")
        assert int(server.get(key)) == 3
        assert app.test_client().post("/sign-in", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD}).status_code == 429
    finally:
        for key in server.keys(f"LIMITS:LIMITER/{prefix}/*"):
            server.delete(key)
