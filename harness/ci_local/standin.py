"""The loopback stand-in for a kind cluster and a Docker daemon, behind the `kind`, `docker` and
`kubectl` commands a CI job types. It follows the deployment files instead of a script of its
own: `docker build` notes the Dockerfile, `kind load` checks the image was built, `kubectl apply`
reads the manifests (Deployment, Secret, NodePort Service) and starts the image's CMD on the
host port the cluster config maps the NodePort to, with the Secret's values in its environment;
`kubectl rollout status` waits for the readiness probe. A command it does not know fails the
step, so a changed step is noticed, never skipped.

    python -m harness.ci_local.standin kubectl apply -f deploy/k8s/   (state in $CI_LOCAL_STANDIN)
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

STATE_ENV = "CI_LOCAL_STANDIN"
TOOLS = ("kind", "docker", "kubectl")


class StandInError(Exception):
    pass


def _state_dir() -> Path:
    return Path(os.environ[STATE_ENV])


def load_state(folder: Path) -> dict[str, Any]:
    path = folder / "state.json"
    return json.loads(path.read_text()) if path.exists() else {
        "clusters": {}, "images": {}, "loaded": {}, "secrets": {}, "deployments": {},
        "faults": []}


def save_state(folder: Path, state: dict[str, Any]) -> None:
    path = folder / "state.json"
    path.write_text(json.dumps(state, indent=1))
    path.chmod(0o600)  # it holds the Secret's values


def _flag(args: list[str], *names: str) -> str | None:
    """`--name value` or `--name=value`."""
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                return args[i + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


# -- kind --------------------------------------------------------------------------------------

def kind(args: list[str], state: dict[str, Any]) -> str:
    if args[:2] == ["create", "cluster"]:
        name = _flag(args, "--name") or "kind"
        config = _flag(args, "--config")
        if config is None:
            raise StandInError("kind create cluster: the stand-in needs --config (the port "
                               "mappings decide where the app answers)")
        doc = yaml.safe_load(Path(config).read_text())
        mappings = [m for node in doc.get("nodes") or [] for m in node.get("extraPortMappings")
                    or []]
        for mapping in mappings:  # kind binds its host ports when it creates the cluster
            _claimable(str(mapping.get("listenAddress", "0.0.0.0")), int(mapping["hostPort"]))
        state["clusters"][name] = {"config": config, "ports": mappings}
        return f"stand-in: cluster {name!r} from {config} ({len(mappings)} port mapping(s))"
    if args[:2] == ["load", "docker-image"] and len(args) >= 3:
        image, name = args[2], _flag(args, "--name") or "kind"
        if name not in state["clusters"]:
            raise StandInError(f"ERROR: no nodes found for cluster {name!r}")
        if image not in state["images"]:
            raise StandInError(f"ERROR: image: {image!r} not present locally")
        state["loaded"].setdefault(name, []).append(image)
        return f"stand-in: image {image} loaded into cluster {name!r}"
    raise StandInError(f"the kind stand-in does not know `kind {shlex.join(args)}`")


def _claimable(host: str, port: int) -> None:
    """Another server on the host port would answer the job's health checks and logins in place
    of this deployment: refuse, as kind does when it cannot bind the port."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise StandInError(f"ERROR: failed to create cluster: host port {host}:{port} is "
                               f"in use ({exc.strerror})") from None


# -- docker ------------------------------------------------------------------------------------

def docker(args: list[str], state: dict[str, Any]) -> str:
    if args[:1] == ["build"]:
        tag = _flag(args, "-t", "--tag")
        dockerfile = Path(_flag(args, "-f", "--file") or "Dockerfile")
        if tag is None or not dockerfile.is_file():
            raise StandInError(f"docker build: needs -t TAG and an existing Dockerfile "
                               f"({dockerfile})")
        cmd = _cmd_of(dockerfile)
        state["images"][tag] = {"dockerfile": str(dockerfile), "cmd": cmd}
        return (f"stand-in: no Docker daemon; image {tag} is {dockerfile}'s CMD "
                f"{json.dumps(cmd)}, run on loopback when deployed")
    raise StandInError(f"the docker stand-in does not know `docker {shlex.join(args)}`")


def _cmd_of(dockerfile: Path) -> list[str]:
    lines = [line.strip() for line in dockerfile.read_text().splitlines()]
    cmds = [line[3:].strip() for line in lines if line.upper().startswith("CMD ")]
    if not cmds:
        raise StandInError(f"{dockerfile}: no CMD to run")
    try:
        cmd = json.loads(cmds[-1])
    except ValueError:
        cmd = shlex.split(cmds[-1])
    return [str(part) for part in cmd]


# -- kubectl -----------------------------------------------------------------------------------

def kubectl(args: list[str], state: dict[str, Any]) -> str:
    if args[:3] == ["create", "secret", "generic"] and len(args) >= 4:
        values = {}
        for arg in args[4:]:
            literal = arg.split("=", 1)[1] if arg.startswith("--from-literal=") else None
            if literal is None or "=" not in literal:
                raise StandInError(f"kubectl create secret: the stand-in reads --from-literal "
                                   f"only, not {arg.split('=', 1)[0]}")
            key, value = literal.split("=", 1)
            values[key] = value
        state["secrets"][args[3]] = values
        return f"secret/{args[3]} created"
    if args[:1] == ["apply"]:
        path = _flag(args, "-f", "--filename")
        if path is None:
            raise StandInError("kubectl apply: the stand-in needs -f PATH")
        return "\n".join(_apply(list(_documents(Path(path))), state))
    if args[:2] == ["rollout", "status"] and len(args) >= 3:
        name = args[2].split("/", 1)[-1]
        timeout = _seconds(_flag(args, "--timeout") or "0s") or 600.0
        return _wait_ready(name, state, timeout)
    raise StandInError(f"the kubectl stand-in does not know `kubectl {shlex.join(args)}`")


def _documents(path: Path) -> Iterator[dict[str, Any]]:
    files = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
    for file in files:
        for doc in yaml.safe_load_all(file.read_text()):
            if isinstance(doc, dict):
                yield doc


def _apply(docs: list[dict[str, Any]], state: dict[str, Any]) -> Iterator[str]:
    services = [d for d in docs if d.get("kind") == "Service"]
    for doc in docs:
        kind_, name = doc.get("kind"), doc.get("metadata", {}).get("name")
        if kind_ == "Deployment":
            yield _deploy(doc, services, state)
        elif kind_ != "Service":
            raise StandInError(f"the kubectl stand-in cannot apply a {kind_} ({name})")
        else:
            yield f"service/{name} created"


def _deploy(doc: dict[str, Any], services: list[dict[str, Any]], state: dict[str, Any]) -> str:
    name = doc["metadata"]["name"]
    pod = doc["spec"]["template"]
    containers = pod["spec"]["containers"]
    if len(containers) != 1:
        raise StandInError(f"deployment {name}: the stand-in runs one container, not "
                           f"{len(containers)}")
    container = containers[0]
    image = container["image"]
    if not any(image in images for images in state["loaded"].values()):
        raise StandInError(f"deployment {name}: image {image} is not loaded into the cluster "
                           f"(imagePullPolicy {container.get('imagePullPolicy')}: the pod would "
                           "stay in ErrImageNeverPull)")
    env = {}
    for source in container.get("envFrom") or []:
        secret = source.get("secretRef", {}).get("name")
        if secret not in state["secrets"]:
            raise StandInError(f"deployment {name}: secret {secret!r} not found")
        env.update(state["secrets"][secret])
    env.update({e["name"]: str(e.get("value", "")) for e in container.get("env") or []})
    ports = {p.get("name"): p["containerPort"] for p in container.get("ports") or []}
    host, port = _host_port(pod["metadata"].get("labels", {}), ports, services, state)
    probe = (container.get("readinessProbe") or {}).get("httpGet", {}).get("path", "/")
    argv = _container_argv(state["images"][image]["cmd"], ports, host, port, state["faults"])
    log = _state_dir() / f"{name}.log"
    process = subprocess.Popen(argv, env={**_base_env(), **env}, stdout=log.open("ab"),
                               stderr=subprocess.STDOUT, start_new_session=True)
    state["deployments"][name] = {"pid": process.pid, "url": f"http://{host}:{port}",
                                  "probe": probe, "log": str(log)}
    return (f"deployment.apps/{name} created (stand-in: `{shlex.join(argv)}` on "
            f"http://{host}:{port}, pid {process.pid})")


def _host_port(labels: dict[str, str], ports: dict[str | None, int],
               services: list[dict[str, Any]], state: dict[str, Any]) -> tuple[str, int]:
    mappings = [m for c in state["clusters"].values() for m in c["ports"]]
    for service in services:
        selector = service.get("spec", {}).get("selector", {})
        if not selector or any(labels.get(k) != v for k, v in selector.items()):
            continue
        for port in service["spec"].get("ports") or []:
            node_port = port.get("nodePort")
            for m in mappings:
                if m.get("containerPort") == node_port:
                    return str(m.get("listenAddress", "0.0.0.0")), int(m["hostPort"])
    raise StandInError("no NodePort Service of the deployment is mapped to a host port by the "
                       "cluster's extraPortMappings: the app would not be reachable")


def _container_argv(cmd: list[str], ports: dict[str | None, int], host: str, port: int,
                    faults: list[str]) -> list[str]:
    """The image's CMD as a host process: its Python is the job's virtualenv (what the image
    installs), its --host/--port the host mapping of the container port."""
    python = Path(".venv/bin/python")
    if cmd and cmd[0] in ("python", "python3"):
        if not python.exists():
            raise StandInError("the stand-in runs the image's CMD with the job's "
                               ".venv/bin/python; the install step has not made it")
        cmd = [str(python.absolute()), *cmd[1:]]  # not resolve(): the venv is the link
    out = list(cmd)
    for flag, value in (("--host", host), ("--port", str(port))):
        if flag not in out:
            raise StandInError(f"the image's CMD {cmd} has no {flag}; the stand-in cannot map "
                               f"the container port {sorted(ports.values())} to the host")
        out[out.index(flag) + 1] = value
    for fault in faults:  # `cutover ci-local --fault NAME`: the deployment, deliberately broken
        out += ["--fault", fault]
    return out


def _base_env() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
    return {k: os.environ[k] for k in keep if k in os.environ}


def _seconds(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)


def _wait_ready(name: str, state: dict[str, Any], timeout: float) -> str:
    deployment = state["deployments"].get(name)
    if deployment is None:
        raise StandInError(f'Error from server (NotFound): deployments.apps "{name}" not found')
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(deployment["pid"]):
            tail = Path(deployment["log"]).read_text()[-1500:]
            raise StandInError(f"deployment {name}: the container exited\n{tail}")
        try:
            with urllib.request.urlopen(deployment["url"] + deployment["probe"], timeout=2):
                return f'deployment "{name}" successfully rolled out'
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise StandInError(f'error: timed out waiting for the condition on deployments/{name}')


def _alive(pid: int) -> bool:
    """Whether the deployed process still runs. It is not our child (an earlier `kubectl apply`
    started it), so ask the kernel; an exited one may linger as a zombie until reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop_all(folder: Path) -> list[str]:
    """Tear the stand-in down (the end of the job): every deployment's process group."""
    state = load_state(folder)
    stopped = []
    for name, deployment in state["deployments"].items():
        try:
            os.killpg(deployment["pid"], signal.SIGTERM)
            stopped.append(name)
        except (ProcessLookupError, PermissionError):
            pass
    return stopped


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TOOLS:
        print(f"usage: python -m harness.ci_local.standin {{{','.join(TOOLS)}}} ARGS",
              file=sys.stderr)
        return 2
    folder = _state_dir()
    state = load_state(folder)
    tool = {"kind": kind, "docker": docker, "kubectl": kubectl}[argv[0]]
    try:
        print(tool(argv[1:], state), flush=True)
    except StandInError as exc:
        print(f"{argv[0]} (ci-local stand-in): {exc}", file=sys.stderr)
        return 1
    finally:
        save_state(folder, state)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
