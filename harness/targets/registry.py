"""Target kinds by name: the one table `--target` chooses from. Each kind builds a Target from
the run's request; only the reference kind starts a process of its own."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from harness.targets.base import (
    ReferenceTarget,
    Target,
    kind_target,
    url_target,
)
from harness.targets.latency_proxy import LatencyProxy, parse_latency
from harness.targets.reference_process import ReferenceProcess


@dataclass(frozen=True)
class TargetRequest:
    """What the run says about its target: options and environment, resolved."""

    base_url: str | None
    log_dir: Path
    faults: tuple[str, ...] = ()
    latency: str | None = None
    scale: str | None = None


@dataclass
class StartedTarget:
    target: Target
    process: ReferenceProcess | None = None  # the embedded reference app, when we started it
    proxy: LatencyProxy | None = None  # --latency in front of a deployed product

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
        if self.proxy is not None:
            self.proxy.stop()


@dataclass(frozen=True)
class TargetKind:
    name: str
    summary: str
    build: Callable[[TargetRequest], StartedTarget]


def _reference(request: TargetRequest) -> StartedTarget:
    if request.base_url:  # an already running reference app (e.g. deployed by deploy/)
        return StartedTarget(ReferenceTarget(name="reference",
                                             base_url=request.base_url.rstrip("/"),
                                             disposable=True))
    process = ReferenceProcess(log_path=request.log_dir / "reference-target.log",
                               faults=request.faults, latency=request.latency,
                               scale=request.scale)
    url = process.start()
    return StartedTarget(ReferenceTarget(name="reference", base_url=url, disposable=True),
                         process)


def _kind(request: TargetRequest) -> StartedTarget:
    return _with_latency(kind_target(request.base_url), request.latency)


def _url(request: TargetRequest) -> StartedTarget:
    return _with_latency(url_target(request.base_url), request.latency)


def _with_latency(target: Target, latency: str | None) -> StartedTarget:
    """A deployed product answers as fast as it does; `--latency` puts a loopback proxy that
    holds each request in front of it, and the browser talks to the proxy."""
    if not latency:
        return StartedTarget(target)
    proxy = LatencyProxy(upstream=target.base_url, latency=parse_latency(latency))
    return StartedTarget(dataclasses.replace(target, base_url=proxy.start()), proxy=proxy)


TARGET_KINDS: dict[str, TargetKind] = {kind.name: kind for kind in (
    TargetKind("reference", "the embedded reference app, started on a free loopback port",
               _reference),
    TargetKind("kind", "the product deployed in kind (CUTOVER_KIND_BASE_URL or --base-url)",
               _kind),
    TargetKind("url", "any app at --base-url", _url),
)}


# The kinds that are the product (not the embedded app): what `cutover auth` logs in to.
PRODUCT_KINDS = tuple(name for name in TARGET_KINDS if name != "reference")


def chosen_kind(name: str, base_url: str | None, explicit: bool) -> str:
    """A plain `--base-url` without `--target` means "that app", as pytest-base-url users
    expect; everything else is the named kind."""
    return "url" if name == "reference" and base_url and not explicit else name
