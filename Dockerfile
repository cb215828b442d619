# Build stage: node for the NL Design System packages, the Python packages, messages and static files.
FROM python:3.11-slim-bookworm AS build
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN python -m venv /venv && /venv/bin/pip install --require-hashes -r requirements/base.txt
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Hashed, compressed static files (whitenoise) and the compiled messages; a throwaway key suffices for both.
# ReDoc (drf-spectacular-sidecar) is left out: the API docs are Swagger UI, and it is a third of the files to compress.
RUN DEBUG=false SECRET_KEY=build-only /venv/bin/python manage.py compilemessages --ignore=node_modules -v 0 \
    && DEBUG=false SECRET_KEY=build-only STATIC_ROOT=/app/var/static /venv/bin/python manage.py collectstatic --noinput -v 0 --ignore redoc \
    && rm -rf node_modules

# Runtime: the runtime packages, the code, the built files; no node, no compilers, no test tools; not root.
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=false PATH=/venv/bin:$PATH STATIC_ROOT=/app/var/static
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 zorgpact
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app /app
RUN mkdir -p /app/var/media && chown zorgpact /app/var/media
USER zorgpact
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=5 \
    CMD ["python", "bin/healthcheck.py"]
CMD ["gunicorn", "zorgpact.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
