"""A reverse proxy in front of moto's S3 server that drops its CORS headers: a bucket without CORS rules.

moto's server answers every origin (it wraps itself in flask-cors), so a bucket that does not allow the site
needs this in front of it.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # answers boto3's "Expect: 100-continue" before it sends an upload
    upstream: tuple[str, int]

    def forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        upstream = http.client.HTTPConnection(*self.upstream, timeout=10)
        headers = {name: value for name, value in self.headers.items() if name.lower() not in ("expect", "connection")}
        upstream.request(self.command, self.path, body=body or None, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        upstream.close()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if not name.lower().startswith("access-control-") and name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = forward

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def cors_stripping_proxy(upstream_url: str) -> Iterator[str]:
    """Serve the proxy on 127.0.0.1 while inside; yields its URL."""
    parts = urlsplit(upstream_url)
    handler = type("Handler", (_Handler,), {"upstream": (parts.hostname, parts.port)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
