FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=false
RUN apt-get update && apt-get install -y --no-install-recommends \
        gettext nodejs npm libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt package.json package-lock.json ./
RUN pip install --no-cache-dir -r requirements.txt && npm ci --no-audit --no-fund
COPY . .
# Static files and messages are built at image time; a throwaway key suffices for collectstatic.
RUN SECRET_KEY=build-only python manage.py compilemessages --ignore=node_modules \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --create-home zorgpact && mkdir -p /app/var/media && chown -R zorgpact /app/var
USER zorgpact
EXPOSE 8000
CMD ["gunicorn", "zorgpact.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
