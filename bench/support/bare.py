"""The bare endpoint the HTTP harness compares every page with: Flask returning a fixed
string, served by the same gunicorn command as the portal. Its throughput is the most
this stack does on this machine, so a page's ratio to it means something on a noisy one."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def bare():
    return "ok"
