"""Settings of the webinar programme portal: one file, every value from the environment.

Production unless the environment says otherwise: DEBUG is off, with the hardening that
`check --deploy` expects, and the portal does not start without a SECRET_KEY. `make run`
and the tests set DEBUG=true and a generated local key themselves (Makefile,
tests/environment.py). Without DATABASE_URL and REDIS_URL the portal runs embedded: SQLite,
tasks in-process, mail to the console; they switch to PostgreSQL, Redis and a Celery worker.
"""

import secrets
from email.utils import getaddresses
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Every signed link (invitations, confirmations, surveys) and every session rests on this key:
# never a value from the repository. In development without one (DEBUG=true), each process
# makes its own, so sessions and links last only as long as the process.
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "The SECRET_KEY environment variable is not set, and DEBUG is off (the default). Generate "
            'a key with\n    python -c "import secrets; print(secrets.token_urlsafe(50))"\nand set '
            "SECRET_KEY in the environment or in .env (see .env.example). For development, `make run` "
            "sets DEBUG=true and a local key for you."
        )
    SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes take over.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_celery_beat",
    # The project package as an app for its management commands (backup, restore) and tasks.
    "portal",
    "outbox",
    # What texts mean across languages (sentence encoder, thesaurus): shared, like the outbox.
    "similarity",
    "accounts",
    "webinars",
    "participants",
    "delivery",
    "proposals",
    "planning",
    "reporting",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it throttles failed logins per user name and address.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.staff_menu",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each process keeps its database connection for this many seconds (0: a new connection, and a
# PostgreSQL backend process, for every request, which costs more than writing and committing a
# row), checked before a request reuses it: a connection the server dropped is replaced rather
# than failing the request.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database: write-ahead logging lets pages read while the in-process tasks
    # write, and halves the cost of each outbox commit, with full durability kept.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("init_command", "PRAGMA journal_mode=WAL;")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Coordinators land on their dashboard, staff on the admin (accounts.views.landing_url).
LOGIN_REDIRECT_URL = "proposals:dashboard"
LOGOUT_REDIRECT_URL = "webinars:topic_list"
# Links to set a password: invitations last a week, reset links a day (accounts.tokens).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=7 * 24 * 3600)
PORTAL_PASSWORD_RESET_LINK_TIMEOUT = env.int("PORTAL_PASSWORD_RESET_LINK_TIMEOUT", default=24 * 3600)
# Requests for a reset link: at most this many per hour, per address and per IP address.
PORTAL_PASSWORD_RESETS_PER_HOUR = env.int("PORTAL_PASSWORD_RESETS_PER_HOUR", default=3)

# Failed logins: five tries per user name and address, then one hour's pause.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Behind a reverse proxy the client's address is in X-Forwarded-For: say how many proxies to trust,
# or every visitor looks like the proxy to login throttling and the sign-up limits. The login
# limit and the form limits all read the address through portal.client_address.
PORTAL_TRUSTED_PROXY_COUNT = env.int("PORTAL_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"

# The six languages of the committee. Django codes; modeltranslation suffixes follow them
# (zh-hans becomes _zh_hans).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Zurich"  # Geneva time: the committee's own clock.

# Content falls back to English, then French and Spanish, when a translation is missing.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Date formats Django lacks for a language (Arabic has no date-and-time format of its own).
FORMAT_MODULE_PATH = ["portal.formats"]
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_AUTO_POPULATE = False
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploads are counted as they stream in and cut off past their limit (delivery.uploads);
# DATA_UPLOAD_MAX_MEMORY_SIZE (Django's default) still bounds the non-file fields.
FILE_UPLOAD_HANDLERS = [
    "delivery.uploads.MaterialUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Bootstrap names the error colour "danger".
MESSAGE_TAGS = {40: "danger"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Redis: Celery broker and cache in the real deployment. Without it tasks run in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task to another worker after this many seconds; it must outlast
# the longest task (no task waits on a countdown: the outbox sweep makes every retry).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 3600)}

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="webinars@secretariat.example.org")
# Seconds before a silent mail server counts as a refusal (the outbox then retries).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# No inline script or style from anywhere; vendored assets only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Production hardening, on whenever DEBUG is off (what `check --deploy` asks for).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# The language cookie is read by the server only (LocaleMiddleware), never by a script.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logs: one JSON object a line in production (LOG_FORMAT=json, the default with DEBUG off), plain
# text in development. Errors (level ERROR: a page that failed, a task that failed) also reach the
# administrators in ADMINS ("Name <address>" or addresses, comma separated) by e-mail through the
# outbox (outbox.error_reports), at most once per error and ten minutes; Django's own mailing
# handler, which sends inside the failing request, is replaced.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
ADMINS = [getaddresses([entry])[0] for entry in env.list("ADMINS", default=[]) if entry.strip()]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "administrators": {"()": "outbox.error_reports.ErrorReportHandler"},
    },
    "root": {"handlers": ["console", "administrators"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # Django's records go to the handlers above (not to its default console and mailing
        # handlers); a page not found or refused is not worth a line, a page that failed is.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
# The worker and beat log through the same configuration (JSON, errors to the administrators).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Rules of the programme that the Secretariat may change without a release.
PORTAL_DEFAULT_PLAN_CAPACITY = env.int("PORTAL_DEFAULT_PLAN_CAPACITY", default=6)
# Nothing planned twice (planning.duplicates): at review and on the draft plan, a proposal or entry close to a
# webinar held in this many years before the year planned is flagged with that webinar.
PORTAL_DUPLICATE_YEARS = env.int("PORTAL_DUPLICATE_YEARS", default=3)
# The committee's acronym, which its sessions (CDIP/21) and documents (CDIP/21/4) are named by.
PORTAL_COMMITTEE_ACRONYM = env("PORTAL_COMMITTEE_ACRONYM", default="CDIP")
# Links in messages are absolute: the address people reach the portal at.
PORTAL_SITE_URL = env("PORTAL_SITE_URL", default="http://127.0.0.1:8000")
# Participants' network: how long a confirmation link works (seconds), and the join limits
# ("<count>/<s|m|h|d>"): sign-up posts per client address, join requests per e-mail address.
PORTAL_NETWORK_CONFIRM_MAX_AGE = env.int("PORTAL_NETWORK_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
PORTAL_NETWORK_JOIN_RATE = env("PORTAL_NETWORK_JOIN_RATE", default="5/h")
PORTAL_NETWORK_ADDRESS_RATE = env("PORTAL_NETWORK_ADDRESS_RATE", default="3/d")
# "Tell me when the date is set" on a webinar's page (participants.services.alerts): posts per
# client address ("<count>/<s|m|h|d>").
PORTAL_DATE_ALERT_RATE = env("PORTAL_DATE_ALERT_RATE", default="10/h")
# Registering for a webinar (participants.services.registration): posts per client address, and
# registration requests per e-mail address, each one a message ("<count>/<s|m|h|d>"). An office
# whose staff register from one public address may need a higher client rate.
PORTAL_REGISTRATION_RATE = env("PORTAL_REGISTRATION_RATE", default="10/h")
PORTAL_REGISTRATION_ADDRESS_RATE = env("PORTAL_REGISTRATION_ADDRESS_RATE", default="5/d")
# The scheduling screen (delivery.selectors.dates): a webinar's start and end fall within these
# office hours, local time, in the capitals of each of its target regions ("HH:MM-HH:MM").
PORTAL_OFFICE_HOURS = env("PORTAL_OFFICE_HOURS", default="09:00-17:00")
# The network digest (participants.services.digest): each member hears of the webinars newly open
# for registration that match their interests at most once per this many days (the task runs daily).
PORTAL_DIGEST_DAYS = env.int("PORTAL_DIGEST_DAYS", default=7)

# /healthz (portal.health): the longest silence, in seconds, of the worker's heartbeat (sent
# every minute), of beat's last run (saved every few minutes) and of the oldest message waiting
# in the outbox before the check fails.
PORTAL_HEALTH_WORKER_MAX_AGE = env.int("PORTAL_HEALTH_WORKER_MAX_AGE", default=300)
PORTAL_HEALTH_BEAT_MAX_AGE = env.int("PORTAL_HEALTH_BEAT_MAX_AGE", default=900)
PORTAL_HEALTH_OUTBOX_MAX_AGE = env.int("PORTAL_HEALTH_OUTBOX_MAX_AGE", default=3600)
# Feedback survey after a webinar: how long a survey link works (seconds).
PORTAL_SURVEY_MAX_AGE = env.int("PORTAL_SURVEY_MAX_AGE", default=30 * 24 * 3600)
# The survey goes by itself (delivery.services.survey.send_due_surveys): this many hours after
# a webinar is marked held; one reminder this many days after, to who has not answered; if the
# attendance report is still missing, the participants' survey waits at most this many days more,
# then goes to the registrants who had a place.
PORTAL_SURVEY_DELAY_HOURS = env.int("PORTAL_SURVEY_DELAY_HOURS", default=24)
PORTAL_SURVEY_REMINDER_DAYS = env.int("PORTAL_SURVEY_REMINDER_DAYS", default=7)
PORTAL_SURVEY_ATTENDANCE_WAIT_DAYS = env.int("PORTAL_SURVEY_ATTENDANCE_WAIT_DAYS", default=7)
# A webinar's public page shows its survey's figures only from this many participants' answers,
# so that no one person's answer can be told apart.
PORTAL_FEEDBACK_MIN_ANSWERS = env.int("PORTAL_FEEDBACK_MIN_ANSWERS", default=5)
# Follow-up of a held webinar (delivery.uploads, delivery.selectors.followup): the largest slide deck and
# recording accepted (MB; a 90-minute 720p recording is about 1 GB), and after how many days a
# held webinar with missing follow-up items is flagged as overdue.
PORTAL_MAX_SLIDES_MB = env.int("PORTAL_MAX_SLIDES_MB", default=100)
PORTAL_MAX_RECORDING_MB = env.int("PORTAL_MAX_RECORDING_MB", default=1024)
PORTAL_FOLLOWUP_OVERDUE_DAYS = env.int("PORTAL_FOLLOWUP_OVERDUE_DAYS", default=14)
# The yearly consultation (proposals.cycle): next year's draft is prepared on PREPARE_ON
# ("MM-DD"); it opens on OPENS_ON and closes at the end of DEADLINE_ON (Geneva time) of
# the same year; groups that sent nothing are reminded REMINDER_DAYS before the deadline.
PORTAL_CYCLE_PREPARE_ON = env("PORTAL_CYCLE_PREPARE_ON", default="07-01")
PORTAL_CYCLE_OPENS_ON = env("PORTAL_CYCLE_OPENS_ON", default="09-01")
PORTAL_CYCLE_DEADLINE_ON = env("PORTAL_CYCLE_DEADLINE_ON", default="10-31")
PORTAL_CYCLE_REMINDER_DAYS = env("PORTAL_CYCLE_REMINDER_DAYS", default="14,3")
# A draft plan shared with the groups (planning.consultation): groups that have not commented are
# reminded this many days before the last day for comments.
PORTAL_PLAN_COMMENT_REMINDER_DAYS = env.int("PORTAL_PLAN_COMMENT_REMINDER_DAYS", default=3)
# Feedback topic suggestions carried into a draft at most (the newest first).
PORTAL_CYCLE_FEEDBACK_TOPICS = env.int("PORTAL_CYCLE_FEEDBACK_TOPICS", default=20)
# Who reviews drafts and reads summaries, besides active staff users with an e-mail.
PORTAL_SECRETARIAT_EMAILS = env.list("PORTAL_SECRETARIAT_EMAILS", default=[])
# The outbox sweep delivers pending notices in chunks of this many over one connection.
PORTAL_OUTBOX_BATCH_SIZE = env.int("PORTAL_OUTBOX_BATCH_SIZE", default=200)
# A message refused for now (4xx) is tried again after this many seconds, doubling each time up to
# RETRY_MAX_SECONDS, until GIVE_UP_DAYS after it was written; then it fails (staff can resend).
PORTAL_OUTBOX_RETRY_SECONDS = env.int("PORTAL_OUTBOX_RETRY_SECONDS", default=30)
PORTAL_OUTBOX_RETRY_MAX_SECONDS = env.int("PORTAL_OUTBOX_RETRY_MAX_SECONDS", default=4 * 3600)
PORTAL_OUTBOX_GIVE_UP_DAYS = env.int("PORTAL_OUTBOX_GIVE_UP_DAYS", default=5)
# A message still "being sent" this many seconds after its attempt began is in doubt (its worker
# died): it goes again with the same Message-ID. Longer than one message's SMTP time (EMAIL_TIMEOUT).
PORTAL_OUTBOX_SENDING_LEASE = env.int("PORTAL_OUTBOX_SENDING_LEASE", default=300)
# Beat runs the outbox sweep this often (seconds): retries, messages in doubt, what the hand-off missed.
PORTAL_OUTBOX_SWEEP_SECONDS = env.int("PORTAL_OUTBOX_SWEEP_SECONDS", default=60)
# While the mail server is down, one delivery tests it after this many seconds, doubling (at most 10 min).
PORTAL_OUTBOX_PROBE_SECONDS = env.int("PORTAL_OUTBOX_PROBE_SECONDS", default=30)
# Handing a task to the broker from a request (portal.handoff): the longest wait (seconds), and how
# long a process stops trying after a failed hand-over (the outbox sweep sends what was not handed).
PORTAL_BROKER_PUBLISH_TIMEOUT = env.float("PORTAL_BROKER_PUBLISH_TIMEOUT", default=1.0)
PORTAL_BROKER_PAUSE_SECONDS = env.int("PORTAL_BROKER_PAUSE_SECONDS", default=30)
# The annual report covers at most this many years at once (a longer range is refused).
PORTAL_REPORT_MAX_YEARS = env.int("PORTAL_REPORT_MAX_YEARS", default=10)
# Backups (portal.backups; `manage.py backup`, nightly at 02:30 UTC): where the archives go, and how
# many of the newest are kept when a backup removes the older ones (0 keeps every archive).
PORTAL_BACKUP_DIR = env.path("PORTAL_BACKUP_DIR", default=str(BASE_DIR / "backups"))
PORTAL_BACKUP_KEEP = env.int("PORTAL_BACKUP_KEEP", default=14)

CELERY_BEAT_SCHEDULE = {
    # The worker's heartbeat for /healthz (portal.health).
    "portal-heartbeat": {
        "task": "portal.heartbeat",
        "schedule": 60.0,
    },
    "advance-consultation-cycles": {
        "task": "proposals.tasks.advance_consultation_cycles",
        "schedule": 3600.0,
    },
    # Reminders before the last day for comments on a shared draft plan, and its close (planning.consultation).
    "advance-plan-comment-periods": {
        "task": "planning.tasks.advance_plan_comment_periods",
        "schedule": 3600.0,
    },
    # Retries, rows in doubt, and what the hand-off missed (PORTAL_OUTBOX_SWEEP_SECONDS).
    "send-pending-notices": {
        "task": "outbox.tasks.send_pending_notices",
        "schedule": float(PORTAL_OUTBOX_SWEEP_SECONDS),
    },
    "send-webinar-reminders": {
        "task": "participants.tasks.send_webinar_reminders",
        "schedule": 600.0,
    },
    # Daily; the service itself sends each member's digest only once per PORTAL_DIGEST_DAYS.
    "send-network-digest": {
        "task": "participants.tasks.send_network_digest",
        "schedule": 24 * 3600.0,
    },
    # Vectors a lost task left out (similarity.vectors): the review screens find every one ready.
    "embed-stale-vectors": {
        "task": "similarity.tasks.embed_stale_vectors",
        "schedule": 24 * 3600.0,
    },
    "send-feedback-surveys": {
        "task": "delivery.tasks.send_feedback_surveys",
        "schedule": 3600.0,
    },
    # The database and the uploads into one archive, then the oldest beyond PORTAL_BACKUP_KEEP
    # removed (portal.backups), every night at 02:30 UTC (03:30 or 04:30 in Geneva).
    "nightly-backup": {
        "task": "portal.nightly_backup",
        "schedule": crontab(hour=2, minute=30),
    },
}
