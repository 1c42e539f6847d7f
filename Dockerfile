# Sakke's container image: Debian (bookworm) with Python 3.11 and Voikko, run as a user
# without privileges. One image for every role; the command picks it (docs/deployment.md):
#   web     gunicorn (the default command)
#   worker  celery -A config worker --loglevel INFO
#   beat    celery -A config beat --loglevel INFO --schedule /srv/sakke/var/celerybeat-schedule
#   migrate python manage.py migrate --noinput   (once per release, before the web nodes)

# --- build: the locked dependencies into a virtualenv, compiled once ---------------------
FROM python:3.11-slim-bookworm AS build
ENV UV_PROJECT_ENVIRONMENT=/srv/sakke/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir "uv==0.13.9"
WORKDIR /srv/sakke
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Static files are collected at build time: every node serves the same (WhiteNoise).
RUN SECRET_KEY=build-only .venv/bin/python manage.py collectstatic --noinput --verbosity 0 \
    && .venv/bin/python -m compileall -q -x '(^|/)\.venv/' .

# --- runtime: only what the service needs to run ------------------------------------------
FROM python:3.11-slim-bookworm AS runtime
# Voikko for Finnish search; Pango and fonts for the PDF cards; Tesseract with Finnish for
# the text of scanned materials (the worker role); the PostgreSQL client for
# manage.py backup and restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libvoikko1 voikko-fi libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
        tesseract-ocr tesseract-ocr-fin postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 sakke \
    && useradd --system --uid 10001 --gid 10001 --home-dir /srv/sakke --shell /usr/sbin/nologin sakke
WORKDIR /srv/sakke
COPY --from=build --chown=root:root /srv/sakke /srv/sakke
RUN mkdir -p /srv/sakke/var /srv/sakke/media && chown sakke:sakke /srv/sakke/var /srv/sakke/media
ENV PATH=/srv/sakke/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    MEDIA_ROOT=/srv/sakke/media \
    BACKUP_DIR=/srv/sakke/var/backups \
    WEB_CONCURRENCY=2
# By number, so that the host and Kubernetes' runAsNonRoot can tell it is not root.
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health/', timeout=4).status == 200 else 1)"]
CMD ["sh", "-c", "exec gunicorn config.wsgi -c config/gunicorn.conf.py --workers ${WEB_CONCURRENCY} --bind 0.0.0.0:8000 --access-logfile - --forwarded-allow-ips '*'"]
