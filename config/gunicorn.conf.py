"""gunicorn's settings for every web node: `gunicorn config.wsgi -c config/gunicorn.conf.py`.

The Makefile's `run`, the container image, the systemd unit of docs/deployment.md and
the load runs (bench/load_cluster.py) all start gunicorn with this file; the command
line adds what differs between them (workers, threads, address, trusted proxies).
"""


def post_worker_init(worker):
    """Do the work of a process's first requests before the worker takes any (core.warmup):
    the views, URLs and translations, and search's vocabularies."""
    from core.warmup import warm

    # Each step tells the arbiter the worker is alive: a slow start is not a hung worker.
    took = warm(progress=worker.notify)
    worker.log.info("Warmed in %.1f s: %s", sum(took.values()), took)
