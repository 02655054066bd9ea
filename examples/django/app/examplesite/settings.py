"""Tiny Django project that serves the stock Django admin as a cutover example target.

Faults are switched on through EXAMPLE_FAULTS (comma-separated names), read once at start:
  no-sidebar            admin.site.enable_nav_sidebar = False (global nav container disappears)
  hide-loan             lending.Loan is not registered (local-nav item + changelist gone, 404)
  no-legacy-redirects   the project's legacy redirects (/catalog/..., /authors/...) are not
                        routed (404)
  legacy-wrong-target   /catalog/<id>/ redirects to the book list instead of the book's change page
  broken-breadcrumbs    the Book change page's breadcrumbs lose the link back to the changelist
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
FAULTS = {f.strip() for f in os.environ.get("EXAMPLE_FAULTS", "").split(",") if f.strip()}

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-not-secret-local-only")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "library",
    "lending",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "examplesite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # A fault's template dir shadows the stock admin templates only when that fault is on.
        "DIRS": ([BASE_DIR / "faults" / "broken_breadcrumbs"]
                 if "broken-breadcrumbs" in FAULTS else []),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "examplesite.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("EXAMPLE_DB", str(BASE_DIR / "db.sqlite3")),
    }
}

# Fast hashing: this is a disposable local test target, not a production site.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGIN_REDIRECT_URL = "/admin/"  # a login POST without `next` lands on the admin index
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
