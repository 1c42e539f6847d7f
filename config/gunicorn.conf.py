"""gunicorn's settings for every web node: `gunicorn config.wsgi -c config/gunicorn.conf.py`.

The Makefile's `run`, the container image, the systemd unit of docs/deployment.md and
the load runs (bench/load_cluster.py) all start gunicorn with this file; the command
line adds what differs between them (workers, threads, address, trusted proxies).
"""

import gc
import threading


def post_worker_init(worker):
    """Do the work of a process's first requests before the worker takes any (core.warmup):
    the views, URLs and translations, the templates and search's vocabularies."""
    from core.warmup import warm

    # The arbiter restarts a worker silent for --timeout: a slow start (a busy machine)
    # is not a hung worker, so it hears from this one every second meanwhile.
    done = threading.Event()

    def heartbeat():
        while not done.wait(1):
            worker.notify()

    threading.Thread(target=heartbeat, daemon=True).start()
    try:
        took = warm()
    finally:
        done.set()
    # What the worker holds now (modules, URLs, templates, search's vocabularies: about
    # 250,000 objects) lives as long as it does. Frozen, the collector's full passes no
    # longer walk it: each took ~200 ms, every few hundred requests (docs/benchmarks.md,
    # "Lists with `q`: the list's own cost").
    gc.collect()
    gc.freeze()
    worker.log.info("Warmed in %.1f s: %s", sum(took.values()), took)
