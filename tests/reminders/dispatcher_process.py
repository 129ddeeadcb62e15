"""A reminder dispatcher in a process of its own, for the tests that kill one mid-batch.

    python -m tests.reminders.dispatcher_process CONFIG_JSON NOW_ISO BATCH_SIZE WORKER
"""

import json
import sys
from datetime import datetime

from meeting import create_app
from meeting.reminders.dispatch import dispatch_due


def main() -> None:
    """Create the app from the JSON config and dispatch what is due at NOW, as one worker."""
    config, now, batch_size, worker = sys.argv[1:5]
    app = create_app(json.loads(config))
    with app.app_context():
        dispatch_due(datetime.fromisoformat(now), worker=worker, batch_size=int(batch_size))


if __name__ == "__main__":
    main()
