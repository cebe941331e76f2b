"""The one settings module. Every value comes from the environment (see ``renshe.env``).

Defaults are safe for a developer's machine: SQLite in WAL mode, DEBUG off, eager background
tasks. Production sets ``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``CELERY_BROKER_URL`` and ``SECURE=1`` (HTTPS-only cookies, HSTS, SSL redirect).
"""

from __future__ import annotations

import importlib
import importlib.util
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from renshe.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("RENSHE_TESTING", False)
SECURE = env_bool("SECURE", False)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-for-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if SECURE and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set when SECURE=1")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "renshe.core",
    "renshe.accounts",
    "renshe.audit",
    "renshe.registry",
    "renshe.catalog",
    "renshe.cases",
    "renshe.employment",
    "renshe.labour",
    "renshe.labour.mediation",
    "renshe.labour.inspection",
    "renshe.labour.wages",
    "renshe.labour.contracts",
    "renshe.planning",
    "renshe.planning.projects",
    "renshe.screen",
]

# Domain apps that contribute role permissions (roles.py), menu sections (navigation.py), demo data
# (demo.py: ``demo_seed(progress)``) and REST endpoints (api_urls.py). One list, read by those places.
DOMAIN_APPS = [app for app in INSTALLED_APPS if app.startswith("renshe.")]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "renshe.accounts.middleware.IdleTimeoutMiddleware",
    "renshe.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "renshe.audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "renshe.urls"
WSGI_APPLICATION = "renshe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "renshe" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renshe.core.context_processors.platform",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'renshe.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; see renshe.core.apps for the PRAGMA.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:portal"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "renshe.accounts.validators.CharacterClassValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# 等保 2.0: lock out after 5 failures within 15 minutes, for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# By account, not by address: a whole district office shares one NAT address, and locking it
# out for one person's typos would stop the counter (axes.W006 silenced for that reason).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

STAFF_IDLE_TIMEOUT_SECONDS = env_int("STAFF_IDLE_TIMEOUT_SECONDS", 30 * 60)
PUBLIC_IDLE_TIMEOUT_SECONDS = env_int("PUBLIC_IDLE_TIMEOUT_SECONDS", 2 * 60 * 60)
SESSION_COOKIE_AGE = PUBLIC_IDLE_TIMEOUT_SECONDS
# With Redis configured, sessions are read from the cache and written through to the database.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if env_str("REDIS_URL", "") else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SESSION_COOKIE_SECURE = SECURE
# Two-factor sign-in (TOTP, django-otp) for these roles: after the password, a code from an
# authenticator app; the first sign-in enrols the app. On by default for administrators in production.
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", ["admin"] if SECURE else [])
OTP_TOTP_ISSUER = "Maoming HRSS"  # how the authenticator app lists the account
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if SECURE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not SECURE
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 2_000_000)

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "renshe.core.api.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "renshe.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "1200/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "茂名人社公共服务平台 API",
    "DESCRIPTION": "Maoming human resources and social security public service platform",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI is served from our own static files (no CDN on a government intranet).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a field named "status" with different choices: name each set.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "renshe.cases.models.Status",
        "JobStatusEnum": "renshe.employment.models.jobs.JobStatus",
        "CaseChannelEnum": "renshe.cases.models.Channel",
        "ArbitrationChannelEnum": "renshe.labour.models.Channel",
        "MediationChannelEnum": "renshe.labour.mediation.models.Channel",
        "EmploymentContractTypeEnum": "renshe.registry.models.ContractType",
        "LabourContractTypeEnum": "renshe.labour.contracts.models.ContractType",
        "CreditGradeEnum": "renshe.labour.contracts.models.Grade",
    },
}

# --- background work ------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"  # never used while tasks run eagerly; keeps Celery from warning
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Periodic jobs (each also a management command). SLA flags: hourly in office hours, every day,
# because 调休 makes some weekends working days; a run on a rest day changes nothing.
CELERY_BEAT_SCHEDULE = {
    "cases-sla-flag": {
        "task": "renshe.cases.tasks.cases_sla_flag",
        "schedule": crontab(minute=5, hour="8-18"),
    },
    # Jobs past their last day leave the public list just after midnight; the assistance ledger gets
    # its new matching jobs on working mornings (employment.services_jobs).
    "employment-jobs-expire": {
        "task": "renshe.employment.tasks.jobs_expire",
        "schedule": crontab(minute=10, hour=0),
    },
    "employment-recommendations-push": {
        "task": "renshe.employment.tasks.recommendations_push",
        "schedule": crontab(minute=30, hour=8, day_of_week="mon-fri"),
    },
    # The contact ledger's overdue people are told to their clerks each morning (one message per person
    # and due date); zero-employment households are re-checked against the registry nightly; layoff
    # warnings are re-evaluated after the monthly reports come in (employment.assistance / .monitoring).
    "employment-contacts-flag-overdue": {
        "task": "renshe.employment.tasks.contacts_flag_overdue",
        "schedule": crontab(minute=0, hour=8),
    },
    "employment-zero-households-refresh": {
        "task": "renshe.employment.tasks.zero_households_refresh",
        "schedule": crontab(minute=40, hour=1),
    },
    "employment-layoffs-evaluate": {
        "task": "renshe.employment.tasks.layoffs_evaluate",
        "schedule": crontab(minute=20, hour=7),
    },
}
# Later modules keep their periodic jobs in renshe/<app>/schedule.py (a BEAT_SCHEDULE dict, nothing else).
for _app in DOMAIN_APPS:
    if importlib.util.find_spec(f"{_app}.schedule") is not None:
        CELERY_BEAT_SCHEDULE.update(importlib.import_module(f"{_app}.schedule").BEAT_SCHEDULE)

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL", "")}
    if env_str("REDIS_URL", "")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- platform -------------------------------------------------------------------------------
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "Renshe@2026")
ADMIN_URL = env_str("ADMIN_URL", "django-admin/")
BUREAU_NAME = env_str("BUREAU_NAME", "茂名市人力资源和社会保障局")
# The address printed in notices' QR codes (the public status page must be reachable from a phone).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
CITY_REGION_CODE = "440900"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
