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


class Outage:
    """A TCP relay in front of PostgreSQL that can drop every connection and refuse new ones,
    then come back on the same port: the database going away and returning."""

    def __init__(self, target_port):
        import socket
        import threading

        self.target_port, self.up, self.sockets = target_port, True, []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.threading, self.socket = threading, socket
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            server = self.socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                self.threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def cut(self):
        self.up = False
        for sock in self.sockets:
            try:
                sock.shutdown(self.socket.SHUT_RDWR)
            except OSError:
                pass
        self.sockets = []

    def restore(self):
        self.up = True


def test_the_app_recovers_by_itself_when_the_database_comes_back(database_url, tmp_path):
    from sqlalchemy.engine import make_url

    from ..conftest import build_app, throwaway_database, with_demo_network

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        # SQLite: the database's folder is missing, then appears with the database in it.
        missing = tmp_path / "not-yet" / "portal.sqlite3"
        app = build_app(f"sqlite:///{missing}")
        client = app.test_client()
        assert client.get("/healthz").status_code == 503
        assert client.get("/labs/").status_code == 503
        missing.parent.mkdir()
        with_demo_network(app)
        assert client.get("/healthz").status_code == 200 and client.get("/labs/").status_code == 200
        return
    with throwaway_database(database_url, tmp_path, "outage") as real_url:
        with_demo_network(build_app(real_url))
        outage = Outage(make_url(real_url).port or 5432)
        app = build_app(make_url(real_url).set(host="127.0.0.1", port=outage.port).render_as_string(hide_password=False))
        client = app.test_client()
        assert client.get("/labs/").status_code == 200
        outage.cut()
        assert client.get("/labs/").status_code == 503
        assert client.get("/healthz").get_json() == {"status": "error", "database": "error"}
        outage.restore()
        assert client.get("/healthz").status_code == 200
        assert client.get("/labs/").status_code == 200
        outage.listener.close()
        with app.app_context():
            from portal.extensions import db

            db.engine.dispose()
