"""Settings for the North West Peer Support Network.

One module, configured from the environment. With nothing set it runs on an
embedded default (SQLite, Celery on the filesystem transport, console email) so
that `make run` works on a fresh machine. `.env.example` lists every variable.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEV_SECRET_KEY = "django-insecure-dev-only-never-use-in-production"

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
# Production mode: DJANGO_ENV=production, or DEBUG=false said explicitly.
# Django's technical pages (tracebacks, settings) only when a developer asks
# for them with DEBUG=true, and never in production: otherwise, `make run`
# included, people see the service's own 404, 403 and 500 pages (and a 500's
# traceback still goes to the console log).
_DEBUG = env.str("DEBUG", default="").strip().lower()
PRODUCTION = DJANGO_ENV == "production" or _DEBUG in ("false", "0", "no", "off")
DEBUG = _DEBUG in ("true", "1", "yes", "on") and not PRODUCTION
TESTING = env.bool("TESTING", default=False)

SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["*"])


class ConfigurationError(ImproperlyConfigured):
    """Raised when production mode is missing a required setting."""


def _check_production_settings() -> None:
    missing = []
    if SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
        missing.append("SECRET_KEY (a random string of 50+ characters)")
    elif len(SECRET_KEY) < 50:
        missing.append("SECRET_KEY (at least 50 characters)")
    if not ALLOWED_HOSTS:
        missing.append("ALLOWED_HOSTS (comma-separated host names)")
    if missing:
        raise ConfigurationError(
            "Production mode (DJANGO_ENV=production or DEBUG=false) needs "
            + " and ".join(missing)
        )


if PRODUCTION and not TESTING:
    _check_production_settings()

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SERVICE_NAME = "North West Peer Support Network"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Sign in with NHSmail; inert (no pages, no button) until NHSMAIL_OIDC_* is set.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "django_filters",
    "django_htmx",
    "csp",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "core",
    "accounts",
    "network",
    "workforce",
    "standards",
    "training",
    "api",
    "audit",
    "home",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.metrics.RequestMetricsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.HttpMethodMiddleware",
    "core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "audit.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "audit.middleware.AuditMiddleware",
    "audit.middleware.NoStoreMiddleware",
    "audit.middleware.ExpensiveRequestThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.WorkHomeFreshnessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
                "csp.context_processors.nonce",
                "core.context_processors.site",
                "home.context_processors.work_count",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # seconds: the busy timeout while another process writes
    }
    # A file, not memory, so live_server threads share it; the suffix lets
    # parallel runs on one machine keep apart.
    _suffix = env.str("TEST_DB_SUFFIX", default="")
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test_db{_suffix}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# The database cache is shared by every gunicorn worker and survives a Redis
# outage, so allauth's login rate limits hold across processes.
# Rate-limit counters and (by default) the figures share one table, and culling
# drops a third of its rows, so the limit is well above what either needs.
_DB_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "django_cache",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}


def _figures_cache(url: str) -> dict:
    """CACHE_URL: redis://host:port/db, locmem:// (one process: tests only), or
    empty for the database cache. Short socket timeouts: a hung Redis costs a
    page a fraction of a second before the figures are computed instead."""
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "figures",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url:
        raise ImproperlyConfigured("CACHE_URL must be redis://, locmem:// or empty")
    return {**_DB_CACHE, "KEY_PREFIX": "figures"}


CACHES = {
    "default": _DB_CACHE,
    # Aggregated workforce figures, invalidated on write (workforce/figures_cache.py).
    "figures": _figures_cache(env.str("CACHE_URL", default="")),
}

# --- Authentication -------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Offline list of breached passwords (ASVS 6.2.12); never a network call.
    {"NAME": "accounts.passwords.BreachedPasswordValidator"},
]
BREACHED_PASSWORDS_FILE = env.str("BREACHED_PASSWORDS_FILE", default="")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Changing email, password or MFA needs a fresh sign-in (within 5 minutes).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",  # whole trusts share one NAT address
    # Failures: 300 a minute per address (a trust behind one NAT address is not
    # locked out by a few people mistyping), 5 per account then 5 minutes.
    "login_failed": "300/m/ip,5/5m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[NW Peer Support Network] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "NW Peer Support Network"
# The codes either side of the current 30-second step are accepted too: one
# typed as the app rolls over, or from a phone whose clock is a little out, is
# not turned away. Each still works once (allauth remembers it for the window).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODES_SHOW_ONCE = True

# Sign in with NHSmail (Microsoft Entra ID) through allauth's OpenID Connect
# provider: only when a client id and a server URL or tenant are set. The rules
# (verified address only, new people become peer workers, NHSmail's MFA in
# place of the service's) are in accounts/nhsmail.py.
NHSMAIL_OIDC_SERVER_URL = env.str("NHSMAIL_OIDC_SERVER_URL", default="")
NHSMAIL_OIDC_TENANT = env.str("NHSMAIL_OIDC_TENANT", default="")
NHSMAIL_OIDC_CLIENT_ID = env.str("NHSMAIL_OIDC_CLIENT_ID", default="")
NHSMAIL_OIDC_CLIENT_SECRET = env.str("NHSMAIL_OIDC_CLIENT_SECRET", default="")
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # match the account by verified address
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False  # and store no link
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # NHSmail verified it; unverified is refused
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # the button POSTs (CSRF-protected)
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Flash messages ("Invitation sent to …", "… can sign in again") name people:
# keep them in the server-side session, never in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = 12 * 3600
# Enforced by audit.middleware.SessionTimeoutMiddleware (ASVS 7.3.1/7.3.2).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 3600)
# Exports, imports and bulk writes per user per minute (SEC-28).
EXPENSIVE_REQUESTS_PER_MINUTE = env.int("EXPENSIVE_REQUESTS_PER_MINUTE", default=30)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Retention (days; applied daily by `manage.py purge_expired`) ----------
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=6 * 365 + 2)
RETENTION_CLOSED_ACCOUNT_DAYS = env.int("RETENTION_CLOSED_ACCOUNT_DAYS", default=90)
RETENTION_NOTIFICATION_DAYS = env.int("RETENTION_NOTIFICATION_DAYS", default=365)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
_manifest = env.bool("STATIC_MANIFEST", default=PRODUCTION and not TESTING)
# Uploaded files (meeting papers). Never served from a URL of their own: a view
# checks who may read each one. Local disk by default; S3-compatible object
# storage in production when AWS_STORAGE_BUCKET_NAME is set (django-storages,
# credentials from the usual AWS_* variables or the instance's role).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or VAR_DIR / "media")
MEDIA_URL = "/media-not-served/"
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Outside production, serve static files straight from the source folders
# (runserver only does that with DEBUG on), picking up edits as they happen.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _manifest
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Forms ----------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Email ----------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="NW Peer Support Network <no-reply@nwpsw.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# GOV.UK Notify: with an API key the outbox sends through Notify instead of SMTP,
# using one template whose subject is ((subject)) and whose body is ((body))
# then ((file)). NOTIFY_BASE_URL points the client elsewhere (the tests'
# local server). Delivery receipts must carry NOTIFY_CALLBACK_TOKEN.
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_ID = env.str("NOTIFY_TEMPLATE_ID", default="")
NOTIFY_BASE_URL = env.str(
    "NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk"
)
NOTIFY_CALLBACK_TOKEN = env.str("NOTIFY_CALLBACK_TOKEN", default="")
# A message's file (board pack PDF, calendar invitation) as a Notify file, for a
# service Notify lets send files; otherwise, or when Notify refuses it, a link.
NOTIFY_SEND_FILES = env.bool("NOTIFY_SEND_FILES", default=False)
if NOTIFY_API_KEY and not NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("NOTIFY_API_KEY is set: set NOTIFY_TEMPLATE_ID too")
if NOTIFY_API_KEY:  # every other email the service sends goes through Notify too
    EMAIL_BACKEND = "core.govuk_notify.EmailBackend"

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
if CELERY_BROKER_URL.startswith("filesystem"):
    for _sub in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / _sub).mkdir(parents=True, exist_ok=True)
    # Web, worker and beat share one folder: in and out must be the same.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
else:
    # Short timeouts: a stalled broker must never hold up a user's save.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
        "max_retries": 1,
        "visibility_timeout": 3600,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}  # filled in config/celery.py, next to the tasks
CELERY_TASK_DEFAULT_QUEUE = "celery"
# The queue reminder emails go to (tests give their real worker a private one).
NOTIFICATIONS_QUEUE = env.str("NOTIFICATIONS_QUEUE", default="celery")
# A message claimed this long ago by a worker that then died is sent again.
NOTIFICATIONS_STALE_CLAIM_SECONDS = env.int(
    "NOTIFICATIONS_STALE_CLAIM_SECONDS", default=900
)
# /healthz answers 503 when the reminder scan (every 5 minutes) or the worker
# heartbeat (every minute) is older than this many seconds.
HEALTH_SCAN_MAX_AGE = env.int("HEALTH_SCAN_MAX_AGE", default=1800)
HEALTH_HEARTBEAT_MAX_AGE = env.int("HEALTH_HEARTBEAT_MAX_AGE", default=300)
# A dead man's switch (Healthchecks.io or its self-hosted version) pinged
# around every reminder scan; empty for none.
HEALTHCHECKS_PING_URL = env.str("HEALTHCHECKS_PING_URL", default="")
# /metrics (Prometheus) answers only these addresses or networks, or a request
# with "Authorization: Bearer <METRICS_TOKEN>"; with neither set, nobody.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Publishing must not hold up a user's save when the broker is down or stalled.
# No second attempt: against a hung Redis each attempt waits out socket_timeout
# and its reconnect check, so one retry made a save take 6 s (fault run REL-02).
# A refused or reset connection is re-made by redis-py itself; whatever is not
# queued waits in the outbox for the next scan.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 0,
    "interval_start": 0,
    "interval_step": 0.5,
}

# --- REST API -------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.exceptions.problem_exception_handler",
    # Counted in the "figures" cache (Redis when CACHE_URL is set), shared by
    # every web worker; in the database cache while that fails (api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.TokenRateThrottle",
        "api.throttling.SessionUserRateThrottle",
        "api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("API_TOKEN_RATE", default="600/hour"),
        "user": env.str("API_USER_RATE", default="1200/hour"),
        "anon": env.str("API_ANON_RATE", default="300/hour"),
    },
}
# A personal API token stops working this many days after it was created.
API_TOKEN_MAX_AGE_DAYS = env.int("API_TOKEN_MAX_AGE_DAYS", default=90)
SPECTACULAR_SETTINGS = {
    "TITLE": "North West Peer Support Network API",
    "DESCRIPTION": (
        "Member trusts, meetings, the action plan, PSW posts, standards and "
        "training. Send a personal token as 'Authorization: Bearer <token>' "
        "(create one at /api/tokens/). Errors are RFC 9457 problem details."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "TrustStatusEnum": "network.models.MemberTrust.Status",
        "MeetingStatusEnum": "network.models.Meeting.Status",
        "ActionStatusEnum": "network.models.ActionItem.Status",
        "ActionRagEnum": "network.models.ActionItem.Rag",
        "ProgressRagEnum": "api.serializers.network.PROGRESS_RAGS",
        "PostStatusEnum": "workforce.models.Post.Status",
        "VersionStatusEnum": "standards.models.StandardVersion.Status",
        "OpportunityStatusEnum": "training.models.TrainingOpportunity.Status",
        "BookingStatusEnum": "training.models.TrainingBooking.Status",
    },
}

# --- Security -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
if PRODUCTION and not TESTING:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Benchmarks -----------------------------------------------------------
# /_perf/ping and /_perf/auth-ping baselines: off unless a benchmark run sets it.
PERF_ENDPOINTS = env.bool("PERF_ENDPOINTS", default=False)

# Error reports to Sentry, personal data removed (core/errors.py); empty for none.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from core.errors import init_sentry

    init_sentry(SENTRY_DSN, "production" if not DEBUG else "development")

# --- Logging --------------------------------------------------------------
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "plain")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
        "plain": {"format": "%(asctime)s %(levelname)-7s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": LOG_LEVEL},
    },
}
