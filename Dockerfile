# The archive under gunicorn. Used by docker-compose.yml; see README "Deploying".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# The workers share kept search answers in files here (settings.SEARCH_CACHE_DIR).
ENV SEARCH_CACHE_DIR=/tmp/archive-answers
WORKDIR /app
# pg_dump and pg_restore, for backup_archive and restore_archive (15, as the database).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY archive_site archive_site
COPY decisions decisions
RUN pip install .

COPY manage.py ./
COPY templates templates
COPY static static
COPY sample_data sample_data
COPY scripts/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh

RUN useradd --system --uid 1000 archive && mkdir -p /app/staticfiles /app/ranking-index \
    && chown archive /app/staticfiles /app/ranking-index
USER archive

EXPOSE 8000
ENTRYPOINT ["docker-entrypoint.sh"]
# A long timeout so that a large upload on the admin's import page is not cut short.
CMD ["gunicorn", "archive_site.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "300", "--access-logfile", "-"]
