def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_does_not_answer(tmp_path):
    from portal import create_app

    from ..conftest import TEST_CONFIG

    app = create_app({**TEST_CONFIG, "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "error"}


def test_pages_answer_503_in_the_layout_when_the_database_does_not_answer(tmp_path):
    from portal import create_app

    from ..conftest import TEST_CONFIG

    app = create_app({**TEST_CONFIG, "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = app.test_client().post("/sign-in", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Sorry, the service is unavailable" in page
    assert "Traceback" not in page and "psycopg" not in page
