"""Command line: `python -m reference_target [--port 0] [--fault NAME] [--latency MS] ...`.

The process binds its socket before announcing it, so `--port 0` works: the harness reads the
single line `listening on http://HOST:PORT` from stdout and can connect immediately.
"""

import argparse
import os
import signal
import socket
import sys

import uvicorn

from reference_target.app import create_app
from reference_target.config import DEFAULT_SCALE, TargetConfig
from reference_target.faults import FAULTS, UnknownFaultError, parse_faults
from reference_target.login import users_from_env


def parse_latency(value: str) -> tuple[int, int]:
    low, sep, high = value.partition("-")
    try:
        bounds = (int(low), int(high) if sep else int(low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MS or MIN-MAX, got {value!r}") from None
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError(f"expected 0 <= MIN <= MAX, got {value!r}")
    return bounds


def parse_port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {port}")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reference_target",
        description="Serve the embedded reference V3 app the cutover suite runs against.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (127.0.0.1)")
    parser.add_argument("--port", type=parse_port, default=8765,
                        help="port; 0 picks a free one (8765)")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME",
                        help="switch on a named fault; repeat or comma-separate")
    parser.add_argument("--latency", type=parse_latency, default=(0, 0), metavar="MS|MIN-MAX",
                        help="added delay per request, random in range (seeded)")
    parser.add_argument("--scale", type=int, default=DEFAULT_SCALE, metavar="N",
                        help=f"resources per collection ({DEFAULT_SCALE})")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="data and latency seed")
    parser.add_argument("--list-faults", action="store_true", help="list the faults and exit")
    parser.add_argument("--login", action="store_true",
                        help="require a form login (one user per role, named by the role id; "
                             "passwords from REFERENCE_PASSWORD_<ROLE>)")
    parser.add_argument("--session-ttl", type=float, default=3600.0, metavar="SECONDS",
                        help="login mode: how long a session lasts (3600)")
    return parser


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    # Listening before the announcement means early connections queue instead of failing.
    sock.listen(2048)
    return sock


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_faults:
        for name, description in FAULTS.items():
            print(f"{name} — {description}")
        return 0
    try:
        faults = parse_faults(args.fault)
    except UnknownFaultError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.scale < 1:
        print("error: --scale must be >= 1", file=sys.stderr)
        return 2
    users = None
    if args.login:
        try:
            users = users_from_env(dict(os.environ))
        except KeyError as exc:
            print(f"error: --login needs a password for every role: set {exc.args[0]}",
                  file=sys.stderr)
            return 2
    config = TargetConfig(faults=faults, latency_ms=args.latency, scale=args.scale,
                          seed=args.seed, login_users=users, session_ttl_s=args.session_ttl)
    sock = bind(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"listening on http://{shown}:{port}", flush=True)
    server = uvicorn.Server(uvicorn.Config(
        create_app(config), log_level="warning", access_log=False, lifespan="off",
        timeout_graceful_shutdown=2))
    # uvicorn traps SIGINT/SIGTERM while serving, shuts down gracefully, then re-raises the
    # signal to the handler that was installed before; a no-op handler there makes a requested
    # stop an ordinary exit (status 0) instead of a death by signal.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, lambda *_: None)
    server.run(sockets=[sock])
    return 0
