"""WSGI entry point: `flask --app wsgi …` and production servers import `app` from here."""

import gc

from meeting import create_app

app = create_app()
# Everything loaded so far (Flask, SQLAlchemy, Jinja, the app) lives as long as the
# process: keep it out of the collector's full passes, which otherwise rescan it while a
# large page is built and add ~100 ms pauses (bench/public_timing.py).
gc.collect()
gc.freeze()
