import re


def test_pages_carry_a_content_security_policy_with_a_fresh_nonce(client):
    first, second = client.get("/"), client.get("/")
    policy = first.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<script nonce="{nonce}">' in first.get_data(as_text=True)
    assert nonce not in second.headers["Content-Security-Policy"]


def test_every_inline_script_carries_the_nonce(client):
    page = client.get("/sign-in").get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", page):
        assert "nonce=" in tag or "src=" in tag


def test_other_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # not over plain HTTP


def test_hsts_is_sent_over_https(client):
    response = client.get("/", base_url="https://portal.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_error_pages_carry_the_headers_too(client):
    assert "Content-Security-Policy" in client.get("/no-such-page").headers


def test_only_the_session_cookie_is_set(client):
    response = client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": "demo-password-2026"})
    names = {cookie.split("=")[0] for cookie in response.headers.getlist("Set-Cookie")}
    assert names == {"portal_session"}
