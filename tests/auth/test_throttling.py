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
