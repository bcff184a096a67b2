"""The portal's floor, which the HTTP harness measures beside the bare endpoint: the portal
itself (``wsgi:app``), served by the same gunicorn command, with one more endpoint that a
signed-in person reaches and that draws nothing. A request to it does what every signed-in
page must before it draws anything (the session cookie read and checked, the person and
their roles loaded, the access rule asked, the security headers set), so its throughput is
the most any signed-in page can reach on this machine.

Only the harness serves this module; the portal's own routes are unchanged.
"""

from bench.support import FLOOR_PATH
from portal.auth.access import SIGNED_IN, access
from wsgi import app


@access(SIGNED_IN)
def floor():
    return "ok"


app.add_url_rule(FLOOR_PATH, "bench_floor", floor)
