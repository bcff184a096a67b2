"""Setting up an authenticator app: the hint speaks of recovery codes only once they exist, and
the codes can be kept as a text file (private, never cached) or printed."""

import re

import pyotp

from portal.auth.models import SecondFactor
from portal.extensions import db

from ..conftest import person


def _set_up(client, email):
    client.post("/account/second-factor", data={"start": "1"})
    page = client.get("/account/second-factor").get_data(as_text=True)
    secret = db.session.get(SecondFactor, person(email).id).secret
    done = client.post("/account/second-factor", data={"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    return page, done, re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done)


def test_setting_up_does_not_speak_of_recovery_codes_before_they_exist(sign_in_as):
    page, done, codes = _set_up(sign_in_as("rep@oxford.example.org"), "rep@oxford.example.org")
    assert "Enter the code the app shows" in page
    assert "recovery code" not in page.lower()
    assert len(codes) == 10


def test_the_recovery_codes_download_as_a_private_text_file(sign_in_as):
    client = sign_in_as("rep@oxford.example.org")
    _, done, codes = _set_up(client, "rep@oxford.example.org")
    assert "Download them as a text file" in done and "Print" in done
    response = client.post("/account/second-factor/recovery-codes.txt", data={"code": codes})
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.headers["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert all(code in text for code in codes) and "rep@oxford.example.org" in text and "&#" not in text


def test_only_ones_own_unused_codes_go_in_the_file(sign_in_as):
    client = sign_in_as("rep@oxford.example.org")
    _, _, codes = _set_up(client, "rep@oxford.example.org")
    invented = client.post("/account/second-factor/recovery-codes.txt", data={"code": ["abcde-fghij", "<script>"]})
    assert invented.status_code == 302 and invented.headers["Location"].endswith("/account/second-factor")
    other = sign_in_as("officer@stevenage.example.org")
    assert other.post("/account/second-factor/recovery-codes.txt", data={"code": codes}).status_code == 302
    mixed = client.post("/account/second-factor/recovery-codes.txt", data={"code": [codes[0], "abcde-fghij"]})
    assert codes[0] in mixed.get_data(as_text=True) and "abcde-fghij" not in mixed.get_data(as_text=True)


def test_the_recovery_codes_page_in_welsh(sign_in_as):
    client = sign_in_as("cynrychiolydd@cardiff.example.org")
    page, done, codes = _set_up(client, "cynrychiolydd@cardiff.example.org")
    assert len(codes) == 10
    assert "Download them as a text file" not in done and "Enter the code the app shows" not in page
