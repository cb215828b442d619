"""Settings for the Zorgpact portal, read from the environment in one place.

With nothing set you get the embedded default (SQLite under var/, eager Celery, local-memory
cache, console e-mail) so that `make run` needs no services. DEBUG is off unless set: `make run` and `make test`
turn it on for themselves; production leaves it off and sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
CELERY_BROKER_URL and CACHE_URL.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = Env()

# Off unless set: a deployment that forgets the variable must not run in debug mode.
DEBUG = env.bool("DEBUG", default=False)

# A default key is only acceptable for local development; production must bring its own.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",  # its widget templates, found by the form renderer below
    "django_filters",
    "django_htmx",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "mailer",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "zorgpact",
    "pacts",
    "koplopers",
    "volgspot",
    "regels",
]

MIDDLEWARE = [
    # First: every log line of the request, and the 500 page, carry its id.
    "zorgpact.core.log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, hashed and compressed, with far-future caching (no proxy needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "zorgpact.core.middleware.SecurityHeadersMiddleware",
    # Before anything reads the query string: a NUL byte would reach PostgreSQL as a 500.
    "zorgpact.core.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETags on GET, and 304 Not Modified for a matching If-None-Match: cheap conditional GETs for API clients.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor of sign-in (zorgpact/twofactor.py): who verified, then deny-by-default until they have.
    "django_otp.middleware.OTPMiddleware",
    "zorgpact.twofactor.SecondFactorMiddleware",
    "zorgpact.core.middleware.AbsoluteSessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication, language and every middleware that adds a header (a cached page skips the ones after it):
    # it serves anonymous visitors of public pages from the cache and marks private answers private, no-store.
    "zorgpact.core.pagecache.AnonymousPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zorgpact.urls"
WSGI_APPLICATION = "zorgpact.wsgi.application"

# Every form field as its NL Design System component (zorgpact/core/formrenderer.py, templates/django/forms/).
FORM_RENDERER = "zorgpact.core.formrenderer.NLDesignRenderer"

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
                "django.template.context_processors.i18n",
                "zorgpact.site.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {
    # Health checks make a restarted PostgreSQL invisible to the next request.
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "zorgpact.User"
LOGIN_URL = "/account/login/"
LOGIN_REDIRECT_URL = "/werkruimte/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Lock an account+address pair after repeated failures: guessing passwords gets slow, others keep access.
# The address is the portal's one client-address resolver (TRUSTED_PROXIES), as for the rate limits and the audit log.
AXES_CLIENT_IP_CALLABLE = "zorgpact.core.ratelimit.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Successful sign-ins are in our own security log (zorgpact.AuditEvent); django-axes' AccessLog would keep each one's
# address and user agent a second time, without a retention: off. Failed attempts (AccessAttempt) stay for the
# lockout; they are in docs/privacy.md and in the personal-data export and erasure.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Two-factor sign-in (zorgpact/twofactor.py): the name the authenticator app shows for the account.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Zorgpact")
# Idle sessions end after 30 minutes: the expiry moves with every request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
PASSWORD_RESET_TIMEOUT = 24 * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
# NL Design System CSS comes from npm (package.json), never copied into the repository: the files the pages link
# are found in node_modules (zorgpact/core/staticfiles.py) in development and collected into STATIC_ROOT when the image is
# built (the runtime image has no node_modules).
NODE_MODULES = BASE_DIR / "node_modules"
NODE_STATIC_FILES = {
    "nlds/components/index.css": NODE_MODULES / "@rijkshuisstijl-community/components-css/dist/index.css",
    "nlds/tokens/index.css": NODE_MODULES / "@rijkshuisstijl-community/design-tokens/dist/index.css",
}
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "zorgpact.core.staticfiles.NodeModulesFinder",
]
# Production serves hashed, compressed copies (collectstatic at image build) that browsers may cache for ever;
# development serves the files as they are, without a collect step.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Only the hashed names are kept in STATIC_ROOT (half the files to compress); pages link nothing else.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Reports and uploads go through Django's storage API: local files under MEDIA_ROOT by default, an S3-compatible
# bucket (django-storages) when AWS_STORAGE_BUCKET_NAME is set, so web processes and workers on different machines
# share them. Files are never public: the portal serves them after its own permission check.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        **globals().get(
            "STORAGES", {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        ),
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
                "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
                "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
                "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
                "location": env.str("AWS_LOCATION", default=""),
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }

CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A cache that is away must cost a visitor milliseconds, not a hung page: fail fast, render uncached.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Every mail is queued in the database first and sent by a task (zorgpact/core/mail.py, django-mailer); the transport that
# then delivers it is the EMAIL_BACKEND variable (SMTP in production, the console by default).
EMAIL_BACKEND = "zorgpact.core.mail.QueueBackend"
MAILER_EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Workers on several machines: each message is locked in the database while it is sent, not with a local lock file.
MAILER_USE_FILE_LOCK = False
# Deferred mail is retried by beat every 5 minutes: a day of tries, then it stays deferred (admin: Mailer).
MAILER_EMAIL_MAX_RETRIES = env.int("MAILER_EMAIL_MAX_RETRIES", default=288)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The record of sent mail (to whom, what, result) is evidence for support questions, then goes (docs/privacy.md).
MAIL_LOG_RETENTION_DAYS = env.int("MAIL_LOG_RETENTION_DAYS", default=30)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Zorgpact <noreply@zorgpact.example>")

# Without a broker, tasks run in-process so the embedded default needs no worker.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "cache+memory://")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Below the Redis visibility timeout (1 h) so a lost task is redelivered, never run twice at once.
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# The worker logs through LOGGING above (JSON in production, with each task's request id), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Jobs by the clock (Europe/Amsterdam), not by intervals counted from beat's start: a freshly (re)started beat runs
# each job at its next time. The database scheduler keeps each job's last run in PostgreSQL (django-celery-beat),
# so a restart neither skips a run nor needs a schedule file on a volume.
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    "anonymise-reporters": {"task": "regels.tasks.anonymise_reporters", "schedule": crontab(hour=3, minute=0)},
    "prune-audit-log": {"task": "zorgpact.tasks.prune_audit_log", "schedule": crontab(hour=3, minute=15)},
    "fail-stuck-reports": {"task": "volgspot.tasks.fail_stuck_reports", "schedule": crontab(minute="*/10")},
    "monthly-national-report": {
        "task": "volgspot.tasks.monthly_national_report",
        "schedule": crontab(day_of_month=1, hour=5, minute=0),
    },
    # Redis keeps nothing on disk here: a restart loses queued messages, so reports still queued are sent again.
    "requeue-waiting-reports": {"task": "volgspot.tasks.requeue_waiting_reports", "schedule": crontab(minute="*/5")},
    # The same for agenda imports queued for the worker; imports past the time limit end as failed.
    "requeue-waiting-imports": {"task": "pacts.tasks.requeue_waiting_imports", "schedule": crontab(minute="*/5")},
    # Coordinators hear once of each measurement that is due (pacts/services.py: send_measurement_reminders).
    "remind-measurements-due": {"task": "pacts.tasks.remind_measurements_due", "schedule": crontab(hour=7, minute=0)},
    # Mail the server could not take is sent again (zorgpact/core/mail.py); also a safety net for a lost send task.
    "retry-deferred-mail": {"task": "zorgpact.tasks.retry_deferred_mail", "schedule": crontab(minute="*/5")},
}
# Reporters' personal data is kept this long after their case closed (AVG: no longer than needed).
REPORTER_RETENTION_MONTHS = env.int("REPORTER_RETENTION_MONTHS", default=12)
# Security events are evidence for incidents that may surface late; two years, then they go (docs/privacy.md).
AUDIT_RETENTION_MONTHS = env.int("AUDIT_RETENTION_MONTHS", default=24)

REST_FRAMEWORK = {
    # Deny by default: every view states what it allows, so nothing is open by accident.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zorgpact.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "zorgpact.core.api_support.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "zorgpact.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "zorgpact.core.api_schema.AutoSchema",
    "EXCEPTION_HANDLER": "zorgpact.core.api_support.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "zorgpact.core.throttling.AnonRateThrottle",
        "zorgpact.core.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Zorgpact portal API",
    "DESCRIPTION": "Open data of the Zorgpact network: themes, organisations, regional pacts and their public "
    "action agendas, koplopers. Writes need a personal token (Authorization: Token <key>) made in the workspace.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files: no CDN (the Content-Security-Policy forbids one).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "zorgpact.core.api_support.add_error_responses",
    ],
}

DEMO_PASSWORD = "demo-wachtwoord"
# The authenticator-app key (base32) of the demo staff accounts, made only when DEBUG is on; public like the password.
DEMO_TOTP_SECRET = "ZORGPACTDEMOTOTPZORGPACTDEMOTOTP"


# --- Security ------------------------------------------------------------------------------------
# Behind TLS in production. Locally (DEBUG) plain http must keep working, so these follow DEBUG.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The container's HEALTHCHECK asks over plain http from inside: a redirect to https would fail it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
# Addresses (or networks) of the reverse proxies in front of the portal. Only a request that comes from one of them
# has its X-Forwarded-For read, from the right, to the first address that is not a trusted proxy: the client's.
# Empty (the default): REMOTE_ADDR is the client, and a forwarded-for header, which anyone can send, is ignored.
# Form rate limits, django-axes, the audit log and the API throttles all ask zorgpact.core.ratelimit.client_ip.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
SECURE_HSTS_SECONDS = 0 if DEBUG else 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading is a commitment for the whole domain that the operator makes, not the code: see the README.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
# An idle session ends after SESSION_COOKIE_AGE (30 min); this ends any session 12 hours after sign-in.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)

from csp.constants import NONCE, NONE, SELF  # noqa: E402

# Scripts only from our own static files (or with the per-request nonce): no inline script can run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
# The public address: every link in a mail, and the only origin (scheme and host) whose pages the page cache keeps.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
# Who hears about vulnerabilities (/.well-known/security.txt, SECURITY.md) and about accessibility or privacy questions
# (the public statements); the operator sets real addresses.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="mailto:security@zorgpact.example")
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="info@zorgpact.example")

# JSON lines for the log collector in production, readable lines in development (zorgpact/core/log.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zorgpact.core.log.RequestIdFilter"}},
    "formatters": {
        "text": {
            "()": "zorgpact.core.log.SingleLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]%(task_label)s %(message)s",
        },
        "json": {"()": "zorgpact.core.log.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # Security events (zorgpact.audit) are kept in the database too; the log line is for the operator's tools.
        "zorgpact.audit": {"level": "INFO"},
        # Django already logs unhandled errors with their traceback here; handled 4xx are not errors.
        "django.request": {"level": "ERROR"},
    },
}

# Only the benchmark's own server routes the ceiling view (make bench).
BENCH_CEILING = env.bool("BENCH_CEILING", default=False)
# Whole-page cache for anonymous visitors (zorgpact/core/pagecache.py); off only to debug rendering.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Computed parts of pages (key figures, facet counts), invalidated with the page cache; they also serve the pages
# that are never cached whole (signed-in visitors, searches).
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)

# Error tracking: only with SENTRY_DSN set is sentry-sdk imported and started (zorgpact/core/errortracking.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from zorgpact.core.errortracking import start_error_tracking

    start_error_tracking(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
