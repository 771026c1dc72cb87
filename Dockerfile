# One image for the web process, the Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext: msgfmt, which compilemessages calls. Pango and the fonts: the report's PDF and chart
# images (WeasyPrint; DejaVu Sans for Arabic, WenQuanYi Zen Hei for Chinese).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-wqy-zenhei \
    && rm -rf /var/lib/apt/lists/*

# pg_dump and pg_restore for `manage.py backup` and `restore` (portal/backups.py), of the db service's
# major version (postgres:15 in docker-compose.yml: change both together). Another major version
# is refused: an older pg_dump cannot read the server, and a newer one's archives do not restore
# into it. From the PostgreSQL project's apt repository, since Debian ships one version per release.
ARG POSTGRES_MAJOR=15
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-${POSTGRES_MAJOR} \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files (hashed, compressed: DEBUG=false selects that storage) and the catalogues are
# built into the image, so the worker's e-mails are translated too. The key only lets the
# settings load here; it is never used at run time.
RUN mkdir -p locale media backups \
    && DEBUG=false SECRET_KEY=build-time-only-key-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput \
    && DEBUG=false SECRET_KEY=build-time-only-key-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py compilemessages --ignore=staticfiles --ignore=media

# Code stays root-owned; the process user writes only uploads (media), backups and compiled
# catalogues. A new named volume takes the owner of the directory it is mounted on.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home portal \
    && chown -R portal:portal /app/media /app/locale \
    && chown portal:portal /app/backups && chmod 700 /app/backups
USER portal

EXPOSE 8000
# portal/gunicorn.py: bind, workers (WEB_CONCURRENCY), and its logs as JSON lines (LOG_FORMAT).
CMD ["gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi:application"]
