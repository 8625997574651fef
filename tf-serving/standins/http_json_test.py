import http.client
import json
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from .http_json import JsonRequestHandler

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class EchoHandler(JsonRequestHandler):
    def do_POST(self):
        nodelay = self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        self.respond(201, {"echo": json.loads(self.read_body()), "nodelay": nodelay})


def test_answers_json_on_a_kept_alive_connection_and_logs_one_line_per_request(capsys):
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        for n in (1, 2):  # the second request reuses the connection (HTTP/1.1 keep-alive)
            connection.request("POST", f"/echo?n={n}", body=json.dumps({"n": n}))
            response = connection.getresponse()
            data = response.read()
            assert (response.status, response.getheader("Content-Type")) == (201, "application/json")
            assert int(response.getheader("Content-Length")) == len(data)
            assert json.loads(data) == {"echo": {"n": n}, "nodelay": True}
        connection.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]  # nothing but the JSON lines
    assert [{k: v for k, v in line.items() if k != "ms"} for line in lines] == [
        {"method": "POST", "path": "/echo?n=1", "status": 201},
        {"method": "POST", "path": "/echo?n=2", "status": 201},
    ]
    assert all(line["ms"] >= 0 for line in lines)


SERVER_SCRIPT = textwrap.dedent(
    """
    from http.server import ThreadingHTTPServer
    from standins.http_json import JsonRequestHandler, serve_until_sigterm

    class Handler(JsonRequestHandler):
        def do_GET(self):
            self.respond(200, {"path": self.path})

    serve_until_sigterm(ThreadingHTTPServer(("127.0.0.1", 0), Handler), cleanup=lambda: print("CLEANED", flush=True))
    """
)


def test_serve_until_sigterm_announces_the_port_then_stops_and_cleans_up_on_sigterm():
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER_SCRIPT],
        cwd=PACKAGE_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        announced = process.stdout.readline().split()
        assert announced[0] == "LISTENING"
        connection = http.client.HTTPConnection("127.0.0.1", int(announced[1]), timeout=10)
        connection.request("GET", "/ready")
        assert json.loads(connection.getresponse().read()) == {"path": "/ready"}
        connection.close()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert (process.returncode, out) == (0, "CLEANED\n"), err
