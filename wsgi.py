"""The WSGI entry point: ``gunicorn --preload wsgi:app``."""

import os

from portal import create_app
from portal.core.templating import compile_templates
from portal.extensions import db

app = create_app()

# With --preload the app is made once and its workers are forked from it (a third of the
# start-up time, and most of each worker's memory shared). A worker must not use database
# connections opened before the fork: it drops the pool it inherited, leaving them to the parent.
with app.app_context():
    os.register_at_fork(after_in_child=lambda engine=db.engine: engine.dispose(close=False))

# Served for real: compile every template before the workers are forked (see compile_templates).
if app.config["ENV_NAME"] == "production":
    compile_templates(app)
