"""The hub's proxy: the PyPI port of ``configurable-http-proxy``, able to carry a cohort.

The port forwards HTTP requests with tornado's ``AsyncHTTPClient``, whose defaults are 10
requests in flight and a 20-second wait: with 30 trainees starting their servers at once, the
11th spawn request waited in tornado's queue and the proxy answered "503 Timeout in request
queue" (measured, benchmarks/hub_cohort.py). This entry point raises the limit before the
port starts; JupyterHub runs it as ``python -m course.hub.proxy`` with the port's own options
(``--proxy-timeout`` is set too: the hub's progress page and slow formgrader calls last longer
than 20 s).
"""

from __future__ import annotations

import sys

#: Requests in flight through the proxy at once (each trainee's browser holds a few).
MAX_CLIENTS = 2000


def main() -> int:
    from configurable_http_proxy.cli import main as proxy_main
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=MAX_CLIENTS)
    return proxy_main()


if __name__ == "__main__":
    sys.exit(main())
