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
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-wqy-zenhei \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files (hashed, compressed: DEBUG=false selects that storage) and the catalogues are
# built into the image, so the worker's e-mails are translated too. The key only lets the
# settings load here; it is never used at run time.
RUN mkdir -p locale media \
    && DEBUG=false SECRET_KEY=build-time-only-key-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput \
    && DEBUG=false SECRET_KEY=build-time-only-key-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py compilemessages --ignore=staticfiles --ignore=media

# Code stays root-owned; the process user writes only uploads (media) and compiled catalogues.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home portal \
    && chown -R portal:portal /app/media /app/locale
USER portal

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
