"""What every web process would otherwise do on its first requests, done as it starts.

A new gunicorn worker imports every view on its first request (the URLconf), builds the
URL resolver, loads the translations of each language and compiles each template the
first time it is used, and search reads its vocabularies and asks Voikko about every
word of them: seconds, paid by whoever comes first while the requests behind wait
(issue 20). config/gunicorn.conf.py calls `warm()` in each worker before it takes
requests.

Apps above core add their own step from AppConfig.ready() with `register_warmer` (core
cannot import them). A step only reads; one that fails (the database down as the worker
starts) is logged and skipped, and its work is done by the first request as before.
"""

import logging
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

_warmers: list[Callable[[], object]] = []


def register_warmer(step: Callable[[], object]) -> None:
    """Run `step` in `warm()` (once, however often registered)."""
    if step not in _warmers:
        _warmers.append(step)


def _urls_and_translations() -> None:
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the URLconf and with it every view
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # loads the language's catalogue
            pending = [resolver]
            while pending:  # each namespace's reverse lookup, built per language
                current = pending.pop()
                current.reverse_dict  # noqa: B018
                pending.extend(sub for _prefix, sub in current.namespace_dict.values())


def _templates() -> None:
    """Compile Sakke's own templates (not those of the installed packages: the admin's)."""
    engine = engines["django"]
    root = Path(settings.BASE_DIR)
    for directory in map(Path, engine.template_dirs):
        if not directory.is_relative_to(root) or "site-packages" in directory.parts:
            continue
        for path in sorted(directory.rglob("*.html")):
            name = str(path.relative_to(directory))
            try:
                engine.get_template(name)
            except TemplateSyntaxError:  # shown, and then reported, when it is used
                logger.warning("Template %s does not compile.", name, exc_info=True)


def warm() -> dict[str, float]:
    """Run every step; returns the seconds each took (failed ones included)."""
    took = {}
    for step in [_urls_and_translations, _templates, *_warmers]:
        name = f"{step.__module__}.{step.__qualname__}"
        begin = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 - a worker must start whatever a step met
            logger.warning("Warming %s failed; the first request does it.", name, exc_info=True)
        took[name] = round(time.perf_counter() - begin, 3)
    # Requests run in other threads, with connections of their own: this one would idle.
    connections.close_all()
    return took
