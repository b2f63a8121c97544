"""A local HTTP server for fetch and feed tests: 127.0.0.1 only, port 0 (the system picks a free one), serving
pages the tests write themselves, and logging every request it receives (so tests can count them).

    with LocalServer() as server:
        server.page("/a.html", "<html>...</html>")
        server.url("/a.html")  -> "http://127.0.0.1:PORT/a.html"
        server.hits("/a.html") -> 1
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer (a slow page)
    etag: Optional[str] = None  # answer 304 to a matching If-None-Match
    last_modified: Optional[str] = None  # answer 304 to a matching If-Modified-Since
    chunked: bool = False  # no Content-Length: the body is streamed in chunks
    handler: Optional[Callable] = None  # (request handler, hit number) -> Route, for answers that change


class LocalServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, dict]] = []  # (method, path, headers) of every request
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd: Optional[ThreadingHTTPServer] = None

    # ------------------------------------------------------------------ content
    def page(self, path: str, body: str | bytes, **options) -> str:
        self.routes[path] = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **options)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        self.routes[path] = Route(status=status, headers={"Location": to}, content_type="text/plain")
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: Optional[str] = None) -> int:
        with self._lock:
            return sum(1 for _m, p, _h in self.log if path is None or p == path)

    def requests_for(self, path: str) -> list[dict]:
        with self._lock:
            return [h for _m, p, h in self.log if p == path]

    # ------------------------------------------------------------------ life
    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def start(self) -> "LocalServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                with server._lock:
                    server.log.append(("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
                    hit = sum(1 for _m, p, _h in server.log if p == self.path)
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer(hit)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, hit: int):
                route = server.routes.get(self.path)
                if route is not None and route.handler is not None:
                    route = route.handler(self, hit)
                if route is None:
                    route = Route(body=b"<html><body><h1>Not found</h1></body></html>", status=404)
                if route.delay and server._stop.wait(route.delay):
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag or (
                        route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                self.send_header("Connection", "close")
                if route.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for start in range(0, len(route.body), 8192):
                        chunk = route.body[start:start + 8192]
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                self.close_connection = True

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
