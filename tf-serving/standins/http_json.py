"""The HTTP plumbing the stand-in servers share: JSON answers, one JSON log line per request on
stderr, and a main loop that announces its port and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer


class ApiError(Exception):
    """An error answered with this HTTP status; each server puts the message in its own JSON shape."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class JsonRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the services stood in for
    # Headers and body leave in two writes; with Nagle's algorithm the body would wait for the
    # client's delayed ACK (~40 ms per request).
    disable_nagle_algorithm = True

    def parse_request(self) -> bool:
        self.started = time.perf_counter()  # the request line is in: its time starts
        return super().parse_request()

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def respond(self, status: int, payload) -> None:
        """Sends payload as JSON and logs the request."""
        data = json.dumps(payload).encode("utf-8")
        entry = {
            "method": self.command,
            "path": self.path,
            "status": status,
            "ms": round((time.perf_counter() - self.started) * 1000, 2),
        }
        print(json.dumps(entry), file=sys.stderr, flush=True)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - the JSON line of respond() replaces it
        pass


def serve_until_sigterm(server: HTTPServer, cleanup: Callable[[], None] | None = None) -> None:
    """Prints `LISTENING <port>`, serves until SIGTERM, then closes the server and runs cleanup."""
    # shutdown() waits for serve_forever() to return, so it cannot run on the thread serving.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"LISTENING {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
        if cleanup is not None:
            cleanup()
