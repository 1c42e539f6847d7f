"""Sakke settings, read from environment variables (see docs/configuration.md).

The defaults are safe for production: DEBUG is off unless asked for, and the
embedded default database is SQLite so that `make run` needs no server.
"""

from datetime import date
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or env.bool("SAKKE_INSECURE_DEV_KEY", default=False):
        SECRET_KEY = "insecure-development-key-never-use-in-production"
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY (see docs/configuration.md).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files, no CDN
    "django_htmx",
    "axes",  # sign-in lockout after repeated failures (accounts)
    "django_otp",  # two-step verification (accounts.twofactor)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "municipalities",
    "taxonomy",
    "organizations",
    "places",
    "events",
    "activities",
    "datasets",
    "selfservice",
    "moderation",
    "reversion",
    "search",
    "freshness",
    "cards",
    "news",
    "programme",
    "materials",
    "surveys",
    "cooperation",
    "newsletter",
    "pages",
    "api",
    "hsds",
    "importers",
    "widget",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security_headers.ContentSecurityPolicyMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which device, if any, verified this session; then the second factor is asked for.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    # A no-op without DATABASE_REPLICA_URL.
    "core.db_router.ReadYourWritesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sessions, language, sign-in and messages: it must see them to skip a page.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the sign-in view's failure and answers with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "municipalities.regions.region",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# A kept connection is checked before each request reuses it, so a database restart at
# night costs one failed ping, not a broken site until the workers restart.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers and the one writer work at the same time under gunicorn.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Pages run short queries; starting parallel workers for one costs more than it saves
    # (20 ms of a 28 ms query seen on a 2-core machine). 0 turns them off per connection.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env.int('DATABASE_PARALLEL_WORKERS', default=0)}"
    )
# A PostgreSQL streaming replica for the read-only queries of web requests (core.db_router):
# read-your-writes holds for DATABASE_REPLICA_PIN_SECONDS after a person saves.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_HEALTH_CHECKS"]
    DATABASES["replica"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {})
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=15)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Some indexes carry INCLUDE columns so PostgreSQL can answer list counts from the index
# alone; SQLite builds the same indexes without them, which is all the warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Several web nodes share one cache: CACHE_URL=redis://host:6379/1 or
# dbcache://sakke_cache (then run `manage.py createcachetable`).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A stopped Redis costs a cache miss, not a 500 (core/redis_cache.py); an unreachable
    # one is given up on within a second instead of holding the request.
    CACHES["default"]["BACKEND"] = "core.redis_cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )
_SHARED_CACHE = CACHES["default"]["BACKEND"] not in (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
# Whole pages for anonymous readers (core.page_cache); 0 turns it off. Off by default with
# the per-process memory cache, where a change on one process would not reach the others.
# Every content change and midnight start new keys: the time bounds only news published
# at a set time and a change made while Redis was unreachable (docs/configuration.md).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300 if _SHARED_CACHE else 0)
PAGE_CACHE_ALIAS = "default"
# Sessions: "database" (default), "cache" (the shared cache only) or "cached_db" (read
# from the cache, written through to the database: survives a cache restart).
SESSION_ENGINE = {
    "database": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[env("SESSION_STORE", default="database")]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish first, Swedish and English too.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# manage.py backup: where the backups go and how many are kept (docs/deployment.md).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# Uploaded media: the file system under MEDIA_ROOT (the embedded default), or an
# S3-compatible object store when SAKKE_MEDIA_S3_BUCKET is set, so that web nodes keep no
# uploads on their own disk (django-storages; docs/deployment.md). The bucket stays
# private: core.media serves every file at /media/ with its own safe headers.
SAKKE_MEDIA_S3_BUCKET = env("SAKKE_MEDIA_S3_BUCKET", default="")
_MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if SAKKE_MEDIA_S3_BUCKET:
    _MEDIA_STORAGE = {
        "BACKEND": "core.media_storage.MediaObjectStorage",
        "OPTIONS": {
            "bucket_name": SAKKE_MEDIA_S3_BUCKET,
            # e.g. https://s3.eu-north-1.amazonaws.com, or a MinIO/Ceph/UpCloud address
            "endpoint_url": env("SAKKE_MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env("SAKKE_MEDIA_S3_REGION", default=None),
            # Empty: boto3's own chain (an instance role, ~/.aws, AWS_* variables).
            "access_key": env("SAKKE_MEDIA_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("SAKKE_MEDIA_S3_SECRET_ACCESS_KEY", default=None),
            "location": env("SAKKE_MEDIA_S3_PREFIX", default=""),
            "default_acl": None,  # the bucket's own (private)
            "file_overwrite": False,  # a taken name gets a new one, as on the file system
            "querystring_auth": False,
        },
    }
STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env.bool("SAKKE_PLAIN_STATIC", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Sakke <noreply@localhost>")

# Security: production defaults, relaxed only where the environment says so.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# A load balancer's health probe speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG and SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
# A year of HSTS wherever the site redirects to HTTPS; 0 (off) on plain-HTTP development.
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if SECURE_SSL_REDIRECT else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# HSTS for every subdomain, and the browsers' preload list, bind the whole parent domain
# (often the association's own, with other services on it): the operator's decision, made
# with the two settings above, so `check --deploy` does not warn about their defaults.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Accounts: e-mail and password sign-in, login links by e-mail, lockout (accounts/README.md).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "core:home"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # refuses locked-out e-mail + IP pairs (axes)
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",  # login links by e-mail
]
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)
# How long the link of the sign-up e-mail stays valid.
SAKKE_VERIFY_EMAIL_MAX_AGE = env.int("SAKKE_VERIFY_EMAIL_MAX_AGE", default=3 * 24 * 3600)

# Two-step verification (accounts/README.md): the coordinator, staff and superusers must
# give a code from an authenticator app (or a recovery code) after their password or
# login link. Turn off only for a closed test installation.
SAKKE_REQUIRE_2FA = env.bool("SAKKE_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = env("SAKKE_SITE_NAME", default="Sakke")
# The audit log of sign-ins, second factors and the coordinator's decisions is kept for
# this many days (accounts.retention).
SAKKE_AUDIT_LOG_DAYS = env.int("SAKKE_AUDIT_LOG_DAYS", default=365)

# django-axes: after AXES_FAILURE_LIMIT failed sign-ins for one address from one IP, that
# pair is refused (even with the right password) for AXES_COOLOFF_TIME hours.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# Behind a reverse proxy, set the number of proxies so the client's own IP is used.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=None)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# django-ratelimit counts in the default cache; use a shared one (CACHE_URL) in production.
# RATELIMIT_ENABLE=0 turns every limit off: only for a load test whose users share one IP.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
if AXES_IPWARE_PROXY_COUNT:
    RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"

# django-sesame: login links by e-mail are one-time and expire in 15 minutes.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True
SESAME_TOKEN_NAME = "sesame"

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere. The map
# tile host of SAKKE_MAP_TILE_URL is added to img-src, and the admin and the API docs page
# get a looser policy of their own, by path, in core/security_headers.py.
SELF, NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # htmx's own indicator <style> is switched off in base.html (htmx-config).
        "style-src": [SELF],
        # data: for the blank image Leaflet puts in place of a tile it cancels.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# geolocation for our own pages only: "near me" on the event list asks on a click.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "core.rest.pagination.LinkedEventsPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.rest.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sakke API",
    "DESCRIPTION": (
        "Read-only open data of the region's associations, events, activities and places. "
        "Event data follows the shape of Linked Events."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# The region this installation serves and its map.
SAKKE_REGION_NAME = env("SAKKE_REGION_NAME", default="Pohjois-Savo")
SAKKE_SITE_NAME = env("SAKKE_SITE_NAME", default="Sakke")
SAKKE_MAP_TILE_URL = env(
    "SAKKE_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SAKKE_MAP_ATTRIBUTION = env(
    "SAKKE_MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
SAKKE_MAP_CENTER = env.tuple("SAKKE_MAP_CENTER", default=(62.9, 27.7))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Freshness: owners are reminded to confirm their listings after this many days, and
# listings unconfirmed for longer than the second figure leave the default results.
SAKKE_CONFIRM_REMINDER_DAYS = env.int("SAKKE_CONFIRM_REMINDER_DAYS", default=182)
# The association programme's reminders (programme.reminders): a task due within this many
# days, a measure without an update for this many, an adopted measure without a report.
SAKKE_PROGRAMME_TASK_DUE_DAYS = env.int("SAKKE_PROGRAMME_TASK_DUE_DAYS", default=7)
SAKKE_PROGRAMME_STALE_DAYS = env.int("SAKKE_PROGRAMME_STALE_DAYS", default=90)
SAKKE_PROGRAMME_REPORT_DAYS = env.int("SAKKE_PROGRAMME_REPORT_DAYS", default=180)
# A record of a programme reminder sent is deleted this many days after it was sent, once
# its occasion is over (programme.reminders.forget_past_reminders; the privacy notice).
SAKKE_PROGRAMME_REMINDER_RECORD_DAYS = env.int("SAKKE_PROGRAMME_REMINDER_RECORD_DAYS", default=365)
# How long at most the programme's dashboard keeps its counts and rendered charts (seconds;
# 0: not kept). A change to the programme's own data shows at once (programme.dashboard_cache);
# this bounds how long an association's or municipality's change, or one made on another
# process with the per-process memory cache, takes to show.
SAKKE_PROGRAMME_DASHBOARD_SECONDS = env.int(
    "SAKKE_PROGRAMME_DASHBOARD_SECONDS", default=600 if _SHARED_CACHE else 60
)
SAKKE_STALE_AFTER_DAYS = env.int("SAKKE_STALE_AFTER_DAYS", default=548)

AUTH_USER_MODEL = "accounts.User"

# --- Privacy and accessibility (privacy app; docs/configuration.md) -------------------------
# The controller (rekisterinpitäjä) of the personal data, how to reach it, and the
# data protection contact, as the privacy notice names them.
SAKKE_CONTROLLER_NAME = env("SAKKE_CONTROLLER_NAME", default="")
SAKKE_CONTROLLER_CONTACT = env("SAKKE_CONTROLLER_CONTACT", default="")
SAKKE_DATA_PROTECTION_CONTACT = env("SAKKE_DATA_PROTECTION_CONTACT", default="")
# The regional coordinator as the About page names them: the person residents and
# associations contact (name, e-mail address, phone); empty ones are left out.
SAKKE_COORDINATOR_NAME = env("SAKKE_COORDINATOR_NAME", default="")
SAKKE_COORDINATOR_EMAIL = env("SAKKE_COORDINATOR_EMAIL", default="")
SAKKE_COORDINATOR_PHONE = env("SAKKE_COORDINATOR_PHONE", default="")
# Where the accessibility feedback form's messages go (the coordinator), and the date the
# accessibility statement was last checked (YYYY-MM-DD).
SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL = env("SAKKE_ACCESSIBILITY_FEEDBACK_EMAIL", default="")
SAKKE_ACCESSIBILITY_STATEMENT_DATE = env(
    "SAKKE_ACCESSIBILITY_STATEMENT_DATE", cast=date.fromisoformat, default="2026-12-07"
)
# Retention, enforced by the periodic jobs of config/celery.py (days).
SAKKE_UNVERIFIED_ACCOUNT_DAYS = env.int("SAKKE_UNVERIFIED_ACCOUNT_DAYS", default=30)
SAKKE_LOGIN_ATTEMPT_DAYS = env.int("SAKKE_LOGIN_ATTEMPT_DAYS", default=90)
SAKKE_INVITATION_KEEP_DAYS = env.int("SAKKE_INVITATION_KEEP_DAYS", default=30)
NEWSLETTER_FORGET_AFTER_DAYS = env.int("NEWSLETTER_FORGET_AFTER_DAYS", default=30)
NEWSLETTER_DELIVERY_LOG_DAYS = env.int("NEWSLETTER_DELIVERY_LOG_DAYS", default=365)
SAKKE_SURVEY_INVITATION_DAYS = env.int("SAKKE_SURVEY_INVITATION_DAYS", default=30)
# --- /Privacy ------------------------------------------------------------------------------

# Background work: see config/celery.py and docs/configuration.md.
# (The host name only keeps kombu from warning that none was given; no server is involved.)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://localhost/")
_broker_folder = Path(env("CELERY_BROKER_FOLDER", default=str(BASE_DIR / "var" / "broker")))
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_broker_folder / "out"),
        "data_folder_out": str(_broker_folder / "out"),
        "processed_folder": str(_broker_folder / "processed"),
        "control_folder": str(_broker_folder / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem://")
    else {}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE

# The service's public address, for links in e-mails sent outside a request (reminders,
# newsletters), e.g. https://jarjestot.example.fi
SAKKE_BASE_URL = env("SAKKE_BASE_URL", default="http://127.0.0.1:8000")
# Sending the PTV export (api/ptv.py) to the Suomi.fi service register: a later step, off
# until it exists and the organisation has PTV credentials (docs/api.md).
SAKKE_PTV_SENDING_ENABLED = env.bool("SAKKE_PTV_SENDING_ENABLED", default=False)

# The materials library (materials app; docs/configuration.md). Files go through the
# default storage: set STORAGES["default"] to an S3-compatible backend to keep them there.
SAKKE_COORDINATOR_ORGANISATION = env(
    "SAKKE_COORDINATOR_ORGANISATION", default="Pohjois-Savon yhdistysyhteistyön koordinaatio"
)
SAKKE_MATERIALS_MAX_BYTES = env.int("SAKKE_MATERIALS_MAX_BYTES", default=30 * 1024 * 1024)
SAKKE_MATERIALS_MAX_PAGES = env.int("SAKKE_MATERIALS_MAX_PAGES", default=400)
# Limits of the child process that reads a file: the check at upload, then extraction.
SAKKE_MATERIALS_INSPECT_SECONDS = env.float("SAKKE_MATERIALS_INSPECT_SECONDS", default=20)
SAKKE_MATERIALS_EXTRACT_SECONDS = env.float("SAKKE_MATERIALS_EXTRACT_SECONDS", default=120)
SAKKE_MATERIALS_EXTRACT_MEMORY_MB = env.int("SAKKE_MATERIALS_EXTRACT_MEMORY_MB", default=768)
# Scanned PDFs: how many of their first pages Tesseract reads (0: none).
SAKKE_MATERIALS_OCR_PAGES = env.int("SAKKE_MATERIALS_OCR_PAGES", default=20)

# --- Newsletter (newsletter app; docs/newsletter.md) ---------------------------------------
# Messages per second of one sending worker (0: as fast as the mail server takes them).
NEWSLETTER_RATE_PER_SECOND = env.float("NEWSLETTER_RATE_PER_SECOND", default=20)
# Deliveries a worker claims at a time, and how long its claim (lease) holds.
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=200)
NEWSLETTER_LEASE_SECONDS = env.int("NEWSLETTER_LEASE_SECONDS", default=300)
# SMTP connections each sending worker keeps open; a group of that many messages goes
# out at once, one per connection, behind one database fence (1: one message at a time).
NEWSLETTER_SMTP_CONNECTIONS = env.int("NEWSLETTER_SMTP_CONNECTIONS", default=8)
# Sending tasks started per issue (workers on any machine pick them up).
NEWSLETTER_PARALLEL_SENDERS = env.int("NEWSLETTER_PARALLEL_SENDERS", default=2)
# Temporary (4xx) failures are retried this many times, backing off from the first delay.
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)
NEWSLETTER_RETRY_DELAY_SECONDS = env.int("NEWSLETTER_RETRY_DELAY_SECONDS", default=60)
NEWSLETTER_CONFIRM_LINK_DAYS = env.int("NEWSLETTER_CONFIRM_LINK_DAYS", default=7)
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# True: the sender's claims and fences wait for PostgreSQL's disk, so even a database
# crash cannot let a message go out twice (one flush per group; docs/newsletter.md).
# False: nothing waits, a little faster; a database crash may then cost a second copy.
NEWSLETTER_DURABLE_WRITES = env.bool("NEWSLETTER_DURABLE_WRITES", default=True)
# Shared secret of the bounce/complaint webhook (header X-Newsletter-Secret); empty: off.
NEWSLETTER_WEBHOOK_SECRET = env("NEWSLETTER_WEBHOOK_SECRET", default="")
# --- /Newsletter ---------------------------------------------------------------------------

# --- NGO survey ----------------------------------------------------------------------------
# Published survey results never describe a group of fewer answers than this (surveys.disclosure).
SURVEY_MIN_GROUP = env.int("SURVEY_MIN_GROUP", default=5)
# --- /NGO survey ---------------------------------------------------------------------------

# The public forms' defences against bots (core/antibot.py, docs/configuration.md): a form
# sent sooner than this many seconds after it was shown is refused, as is one whose page
# is older than SAKKE_ANTIBOT_MAX_AGE seconds. The proof of work needs JavaScript in the
# browser, so it is off unless a flood calls for it.
SAKKE_ANTIBOT_MIN_SECONDS = env.int("SAKKE_ANTIBOT_MIN_SECONDS", default=3)
SAKKE_ANTIBOT_MAX_AGE = env.int("SAKKE_ANTIBOT_MAX_AGE", default=24 * 3600)
SAKKE_ANTIBOT_POW = env.bool("SAKKE_ANTIBOT_POW", default=False)
SAKKE_ANTIBOT_POW_MAX_NUMBER = env.int("SAKKE_ANTIBOT_POW_MAX_NUMBER", default=50_000)
