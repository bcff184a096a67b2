"""The WSGI entry point: ``gunicorn --preload wsgi:app``."""

import os

from sqlalchemy.orm import configure_mappers

from portal import create_app
from portal.core.templating import compile_templates
from portal.extensions import db

app = create_app()

# With --preload the app is made once and its workers are forked from it (a third of the
# start-up time, and most of each worker's memory shared). A worker must not use database
# connections opened before the fork: it drops the pool it inherited, leaving them to the parent.
with app.app_context():
    os.register_at_fork(after_in_child=lambda engine=db.engine: engine.dispose(close=False))

# Served for real: compile every template and configure the ORM's mappers before the workers
# are forked, so that no worker spends its first requests (the first voters in a vote) on them.
if app.config["ENV_NAME"] == "production":
    compile_templates(app)
    configure_mappers()
