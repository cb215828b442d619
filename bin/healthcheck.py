"""The container's health check (Dockerfile HEALTHCHECK): GET /healthz on the local gunicorn; exit 0 when it answers 200.

It names a host the portal accepts (the first of ALLOWED_HOSTS), so a production ALLOWED_HOSTS without localhost
does not turn every probe into a 400. Standard library only: the runtime image has no curl.
"""

import os
import sys
import urllib.error
import urllib.request


def host() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
    return "localhost" if first in ("", "*") else first


def main(url: str = "http://127.0.0.1:8000/healthz") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": host()}), timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (OSError, urllib.error.HTTPError):
        return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
