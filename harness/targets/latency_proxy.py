"""`--latency` for a deployed product (url, kind): a reverse proxy on loopback that holds every
request for a random time in [MIN, MAX] ms before passing it on, so a flake hunt (`cutover
soak`) or a determinism check can vary how fast a real app's API answers, as the embedded
reference target does in process. WebSocket upgrades are tunnelled (a client-rendered app's
subscriptions keep working); the upstream's absolute redirects and the browser's Origin and
Referer are rewritten between the two origins, so login forms and CSRF checks still hold.

One upstream connection per request (`Connection: close` both ways): the framing of bodies is
then the upstream's own, passed through untouched."""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import ssl
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

HOP_HEADERS = frozenset({"connection", "keep-alive", "proxy-connection", "te", "trailer",
                         "transfer-encoding", "upgrade"})
# Bounded: a proxy that cannot read a request head or reach the upstream gives up.
IO_TIMEOUT_S = 60.0


def parse_latency(value: str) -> tuple[int, int]:
    """`MS` or `MIN-MAX` (milliseconds) as bounds; the run's settings have checked the form."""
    low, _, high = value.partition("-")
    return int(low), int(high or low)


@dataclass
class LatencyProxy:
    upstream: str  # the product's base URL
    latency: tuple[int, int]
    delayed: int = 0  # requests held so far (reported; a proxy that held none proved nothing)
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)
    _server: asyncio.Server | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    url: str = ""

    def start(self) -> str:
        """Listen on a free loopback port; the base URL the browser should use. The loop runs in
        its own thread from the start: the caller's thread may be driving Playwright's loop."""
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        listening = threading.Event()
        loop = asyncio.new_event_loop()
        self._loop = loop

        async def listen() -> None:
            self._server = await asyncio.start_server(self._serve, sock=sock)
            listening.set()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(listen())
            loop.run_forever()

        self._thread = threading.Thread(target=run, name="latency-proxy", daemon=True)
        self._thread.start()
        if not listening.wait(timeout=10):
            raise RuntimeError("the latency proxy did not start listening within 10 s")
        return self.url

    def stop(self) -> None:
        loop, server = self._loop, self._server
        if loop is None or server is None:
            return

        async def close() -> None:
            # Connections still open (a page's WebSocket tunnel) end here, not half-run when
            # the loop stops.
            server.close()
            open_ = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in open_:
                task.cancel()
            await asyncio.gather(*open_, return_exceptions=True)
            await server.wait_closed()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._loop = self._server = None

    # -- one browser connection ---------------------------------------------------------------
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await asyncio.wait_for(self._one(reader, writer), IO_TIMEOUT_S * 10)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                ValueError):
            pass
        finally:
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IO_TIMEOUT_S)
        request_line, headers = _split_head(head)
        body = b""
        if (length := _header(headers, "content-length")) is not None:
            body = await reader.readexactly(int(length))
        elif (_header(headers, "transfer-encoding") or "").lower() == "chunked":
            body = await _read_chunked(reader)
        upgrade = _header(headers, "upgrade")
        self.delayed += 1
        await asyncio.sleep(random.uniform(*self.latency) / 1000)  # the latency it exists for
        up = urlsplit(self.upstream)
        tls = up.scheme == "https"
        port = up.port or (443 if tls else 80)
        up_reader, up_writer = await asyncio.wait_for(asyncio.open_connection(
            up.hostname, port, ssl=ssl.create_default_context() if tls else None,
            server_hostname=up.hostname if tls else None), IO_TIMEOUT_S)
        try:
            out = [(k, v) for k, v in headers if k.lower() not in HOP_HEADERS | {"host"}]
            out = [(k, self._to_upstream(v) if k.lower() in ("origin", "referer") else v)
                   for k, v in out]
            out.insert(0, ("Host", up.netloc))
            if upgrade:
                out += [("Connection", "Upgrade"), ("Upgrade", upgrade)]
            else:
                out += [("Connection", "close")]
                if body and _header(headers, "content-length") is None:
                    out.append(("Content-Length", str(len(body))))
            up_writer.write(_join_head(request_line, out) + body)
            await up_writer.drain()
            response = await asyncio.wait_for(up_reader.readuntil(b"\r\n\r\n"), IO_TIMEOUT_S)
            status_line, rheaders = _split_head(response)
            if upgrade and " 101 " in f"{status_line} ":
                writer.write(response)
                await writer.drain()
                await _pipe_both(reader, writer, up_reader, up_writer)
                return
            rheaders = [(k, self._to_proxy(v) if k.lower() == "location" else v)
                        for k, v in rheaders if k.lower() not in ("connection", "keep-alive")]
            writer.write(_join_head(status_line, [*rheaders, ("Connection", "close")]))
            while chunk := await asyncio.wait_for(up_reader.read(65536), IO_TIMEOUT_S):
                writer.write(chunk)
                await writer.drain()
        finally:
            up_writer.close()

    def _to_upstream(self, value: str) -> str:
        return value.replace(self.url, self.upstream.rstrip("/"), 1)

    def _to_proxy(self, value: str) -> str:
        return value.replace(self.upstream.rstrip("/"), self.url, 1)


def _split_head(head: bytes) -> tuple[str, list[tuple[str, str]]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip(), value.strip()))
    return lines[0], headers


def _join_head(first: str, headers: list[tuple[str, str]]) -> bytes:
    return ("\r\n".join([first, *(f"{k}: {v}" for k, v in headers)]) + "\r\n\r\n").encode(
        "latin-1")


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((v for k, v in headers if k.lower() == name), None)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return body
        body += await reader.readexactly(size)
        await reader.readexactly(2)


async def _pipe_both(a_reader: asyncio.StreamReader, a_writer: asyncio.StreamWriter,
                     b_reader: asyncio.StreamReader, b_writer: asyncio.StreamWriter) -> None:
    async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await src.read(65536):
                dst.write(data)
                await dst.drain()
        dst.close()

    await asyncio.gather(pipe(a_reader, b_writer), pipe(b_reader, a_writer))
