"""Deterministic seed data for every family, built lazily per collection.

Every value derives from (seed, collection, index) so two instances with the same seed serve
byte-identical pages, and a large --scale only costs time for the collections a request touches.
Names are index-determined (no RNG) so cross references between collections are cheap.
"""

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

# A fixed "now" keeps pages deterministic: no wall-clock time leaks into seeded content.
SEED_NOW = datetime(2026, 5, 17, 9, 0, tzinfo=UTC)

PROJECTS = ("vision-research", "nlp-platform", "genomics-lab", "climate-sim")
PEOPLE = (
    ("Ana Ruiz", "ana.ruiz"),
    ("Ben Okafor", "ben.okafor"),
    ("Chen Wei", "chen.wei"),
    ("Dana Kowalski", "dana.kowalski"),
    ("Emil Larsen", "emil.larsen"),
    ("Fatima Haddad", "fatima.haddad"),
    ("Grace Liu", "grace.liu"),
    ("Hiro Tanaka", "hiro.tanaka"),
)
SKUS = (
    ("8x H100 80GB", "NVIDIA H100 SXM5", 8, 224, 2048, 31.20),
    ("4x H100 80GB", "NVIDIA H100 SXM5", 4, 112, 1024, 15.80),
    ("1x H100 80GB", "NVIDIA H100 PCIe", 1, 28, 256, 4.10),
    ("8x A100 80GB", "NVIDIA A100 SXM4", 8, 192, 1536, 18.40),
    ("4x A100 40GB", "NVIDIA A100 PCIe", 4, 64, 512, 7.90),
    ("2x L40S 48GB", "NVIDIA L40S", 2, 48, 384, 3.20),
    ("1x L40S 48GB", "NVIDIA L40S", 1, 24, 192, 1.65),
    ("1x A10 24GB", "NVIDIA A10", 1, 16, 96, 0.95),
)
REGIONS = ("eu-fra-1", "us-dal-2", "eu-ams-1", "ap-sin-1")
APPS = (
    ("jupyterlab", "JupyterLab", "Notebooks", "Interactive notebooks with CUDA-enabled kernels."),
    ("vllm", "vLLM Inference Server", "Inference", "High-throughput LLM serving with paging."),
    ("vscode-server", "VS Code Server", "Development", "Browser IDE attached to GPU workloads."),
    ("comfyui", "ComfyUI", "Generative", "Node-based diffusion image pipelines."),
    ("rstudio", "RStudio Server", "Notebooks", "R analysis environment for research teams."),
    ("triton", "Triton Inference Server", "Inference", "Multi-framework model serving."),
    ("mlflow", "MLflow Tracking", "MLOps", "Experiment tracking and a model registry."),
    ("label-studio", "Label Studio", "Data", "Annotation workbench for datasets."),
    ("open-webui", "Open WebUI", "Inference", "Chat front end for hosted models."),
    ("ray", "Ray Cluster", "Distributed", "Distributed Python for training and tuning."),
)
WORKLOAD_NAMES = (
    "llama3-finetune", "bert-embeddings", "sdxl-render", "nemo-asr-train", "genome-align",
    "openfoam-cfd", "vllm-chat", "jupyter-ana", "weather-downscale", "protein-fold",
    "ray-tune-sweep", "whisper-batch",
)
BUCKETS = (
    "training-datasets", "model-checkpoints", "shared-scratch", "eval-results", "raw-imagery",
    "genomes-reference", "team-home", "inference-cache",
)
ARTIFACTS = (
    ("llama3-8b-instruct:v4", "model"), ("pytorch-cuda:24.04", "container"),
    ("sdxl-base:1.0", "model"), ("imagenet-subset:2026-04", "dataset"),
    ("whisper-large:v3", "model"), ("vllm-runtime:0.6.3", "container"),
    ("climate-era5:2025", "dataset"), ("esm2-650m:v1", "model"),
)
SITES = (
    ("fra-1", "Frankfurt"), ("dal-2", "Dallas"), ("ams-1", "Amsterdam"), ("sin-1", "Singapore"),
    ("osl-1", "Oslo"), ("yyz-1", "Toronto"),
)
PROFILES = (
    ("h100-sxm-baremetal", "ubuntu-22.04-cuda-12.4"),
    ("a100-pcie-baremetal", "ubuntu-22.04-cuda-12.2"),
    ("l40s-inference", "ubuntu-24.04-cuda-12.4"), ("cpu-login-node", "rocky-9"),
    ("weka-client", "rocky-9-weka-4.3"),
)
FABRICS = ("ib-fabric-a", "ib-fabric-b", "eth-mgmt-1", "roce-fabric-c", "eth-storage-1")
CONFIGS = (
    ("sku/8x-h100-80gb", "SKU definition"), ("image/ubuntu-22.04-cuda-12.4", "OS image"),
    ("image/rocky-9-cuda-12.2", "OS image"), ("scheduler/slurm-partitions", "Scheduler"),
    ("network/ib-partition-keys", "Network"), ("quota/project-defaults", "Quota policy"),
)
ORGS = (
    "Northwind Research", "Contoso AI Lab", "Fabrikam Genomics", "Tailspin Robotics",
    "Woodgrove Analytics", "Litware Climate",
)
SERVICE_ACCOUNTS = (
    "ci-deployer", "inference-gateway", "airflow-runner", "backup-agent", "metrics-exporter",
)
CREDENTIALS = (
    ("laptop-ed25519", "SSH key"), ("ci-api-token", "API token"), ("s3-sync-key", "S3 access key"),
    ("workstation-rsa", "SSH key"), ("grafana-read-token", "API token"),
)
ENTITLEMENTS = (
    ("H100 capacity", "project"), ("Bare-metal nodes", "organization"),
    ("Private networking", "project"), ("S3 protocol access", "project"),
    ("Priority scheduling", "project"),
)
QUOTAS = (("GPU hours / month", 20000), ("H100 GPUs", 64), ("Storage (TiB)", 400))
DEVICES = ("Firefox on macOS", "Chrome on Ubuntu", "Edge on Windows", "Safari on iPadOS")
NOTIFICATIONS = (
    ("Node gpu-node-03 drained for maintenance", "info"),
    ("Quota for vision-research is at 85%", "warning"),
    ("Scheduled maintenance on fra-1, 2026-05-20 06:00 UTC", "info"),
    ("Artifact llama3-8b-instruct:v4 verified", "success"),
    ("Bucket model-checkpoints reached 80% capacity", "warning"),
    ("Workload whisper-batch completed", "success"),
)


@dataclass(frozen=True)
class Resource:
    """One seeded resource; `meta` holds the attributes that drive behaviour, `facts` display."""

    id: str
    name: str
    collection: str
    posture: str
    index: int
    facts: tuple[tuple[str, str], ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "posture": self.posture,
            "facts": dict(self.facts),
            **self.meta,
        }


def stamp(minutes_ago: int) -> str:
    return (SEED_NOW - timedelta(minutes=minutes_ago)).strftime("%Y-%m-%d %H:%M UTC")


def cycled(bases: tuple[str, ...], i: int) -> str:
    """Base name for small inventories; a numbered variant once the list wraps at scale."""
    base = bases[i % len(bases)]
    return base if i < len(bases) else f"{base}-{i // len(bases) + 1}"


def person(i: int) -> tuple[str, str]:
    name, handle = PEOPLE[i % len(PEOPLE)]
    return (name, handle) if i < len(PEOPLE) else (f"{name} {i // len(PEOPLE) + 1}", f"{handle}{i}")


Builder = Callable[["Seed", int, random.Random], Resource]


class Seed:
    """Lazily built, cached collections of resources for one (scale, seed) pair."""

    def __init__(self, scale: int, seed: int) -> None:
        self.scale = scale
        self.seed = seed
        self._items: dict[str, list[Resource]] = {}
        self._index: dict[str, dict[str, Resource]] = {}

    def items(self, collection: str) -> list[Resource]:
        if collection not in self._items:
            build = BUILDERS[collection]
            rng = random.Random(f"{self.seed}:{collection}")
            items = [build(self, i, rng) for i in range(self.scale)]
            if collection == "buckets":
                # WEKAFS is the primary protocol, so its buckets always list first.
                items.sort(key=lambda r: (r.meta["provider"] != "WEKAFS", r.index))
            self._items[collection] = items
            self._index[collection] = {r.id: r for r in items}
        return self._items[collection]

    def get(self, collection: str, resource_id: str) -> Resource | None:
        self.items(collection)
        return self._index[collection].get(resource_id)

    def find(self, resource_id: str) -> Resource | None:
        """Any resource by id; ids carry a collection prefix except app slugs."""
        for collection, prefix in PREFIXES.items():
            if resource_id.startswith(prefix):
                return self.get(collection, resource_id)
        return self.get("apps", resource_id)

    def workload_for_allocation(self, allocation_id: str) -> Resource | None:
        number = allocation_id.removeprefix("alloc-")
        if not number.isdigit() or not 0 <= int(number) - 1001 < self.scale:
            return None
        return self.items("workloads")[int(number) - 1001]


@functools.cache
def _salt_for(seed: int, collection: str) -> int:
    return random.Random(f"{seed}:{collection}:salt").getrandbits(24)


def _salt(seed: Seed, collection: str) -> int:
    return _salt_for(seed.seed, collection)


def _workload(seed: Seed, i: int, rng: random.Random) -> Resource:
    kind = ("vm", "app", "batch")[i % 3]
    sku = seed.items("skus")[i % seed.scale]
    # Hex ids model the V3 backend (V1 allocation numbers differ on purpose). Multiplying by an
    # odd constant and xor-ing a seeded salt is a bijection on 24 bits, so ids never collide.
    wid = f"wl-{((i + 1) * 0x9E3779 ^ _salt(seed, 'workloads')) & 0xFFFFFF:06x}"
    owner, _ = person(i % 5)
    status = "completed" if kind == "batch" and i % 2 else "running"
    meta = {"kind": kind, "allocation_id": f"alloc-{1001 + i}", "sku_id": sku.id}
    facts = [
        ("Kind", {"vm": "Virtual machine", "app": "App runtime", "batch": "Batch job"}[kind]),
        ("Instance type", sku.name),
        ("Project", PROJECTS[i % len(PROJECTS)]),
        ("Owner", owner),
        ("Region", REGIONS[i % len(REGIONS)]),
        ("Started", stamp(90 * i + 45)),
    ]
    if kind == "app":
        app = seed.items("apps")[i % seed.scale]
        meta |= {"app_id": app.id, "version": app.meta["version"], "members": str(1 + i % 3)}
        facts.append(("App", f"{app.name} {app.meta['version']}"))
    return Resource(wid, cycled(WORKLOAD_NAMES, i), "workloads", status, i, tuple(facts), meta)


def _sku(seed: Seed, i: int, rng: random.Random) -> Resource:
    name, gpu, count, vcpu, ram, price = SKUS[i % len(SKUS)]
    region = REGIONS[(i // len(SKUS)) % len(REGIONS)]
    available = rng.randint(0, 24)
    facts = (
        ("GPU", f"{count}x {gpu}"), ("vCPU", str(vcpu)), ("Memory", f"{ram} GiB"),
        ("Region", region), ("Price", f"${price:.2f} per hour"), ("Available now", str(available)),
    )
    display = name if i < len(SKUS) else f"{name} ({region})"
    posture = "available" if available else "waitlist"
    return Resource(f"sku-{i + 1:02d}", display, "skus", posture, i, facts, {"region": region})


def _app(seed: Seed, i: int, rng: random.Random) -> Resource:
    slug, name, category, blurb = APPS[i % len(APPS)]
    if i >= len(APPS):
        slug, name = f"{slug}-{i // len(APPS) + 1}", f"{name} {i // len(APPS) + 1}"
    version = f"{rng.randint(1, 4)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}"
    facts = (("Category", category), ("Latest version", version), ("Publisher", "GPU Cloud"))
    meta = {"version": version, "category": category, "blurb": blurb}
    return Resource(slug, name, "apps", "published", i, facts, meta)


def _artifact(seed: Seed, i: int, rng: random.Random) -> Resource:
    name, kind = ARTIFACTS[i % len(ARTIFACTS)]
    if i >= len(ARTIFACTS):
        name = f"{name}-r{i // len(ARTIFACTS) + 1}"
    facts = (
        ("Type", kind), ("Project", PROJECTS[i % len(PROJECTS)]),
        ("Digest", f"sha256:{rng.getrandbits(64):016x}"), ("Size", f"{rng.randint(2, 140)} GiB"),
    )
    posture = ("published", "verified", "promoted")[i % 3]
    return Resource(f"art-{i + 1:04d}", name, "artifacts", posture, i, facts, {"type": kind})


def _bucket(seed: Seed, i: int, rng: random.Random) -> Resource:
    provider = "VAST NFS" if i % 5 == 4 else "WEKAFS"
    caps = "nfs posix s3" if provider == "WEKAFS" and i % 3 == 1 else "nfs posix"
    size = rng.choice((10, 25, 50, 100, 200))
    facts = (
        ("Provider", provider), ("Protocols", caps.replace(" ", ", ")),
        ("Capacity", f"{size} TiB"), ("Used", f"{rng.randint(5, 90)}%"),
        ("Project", PROJECTS[i % len(PROJECTS)]),
    )
    meta = {"provider": provider, "capabilities": caps}
    return Resource(f"bkt-{i + 1:04d}", cycled(BUCKETS, i), "buckets", "available", i, facts, meta)


def _grant(seed: Seed, i: int, rng: random.Random) -> Resource:
    bucket = seed.items("buckets")[i % seed.scale]
    who, _ = person(i + 2)
    facts = (("Bucket", bucket.name), ("Principal", who), ("Access", ("read", "read-write")[i % 2]))
    return Resource(f"grt-{i + 1:04d}", f"{bucket.name} → {who}", "grants", "active", i, facts)


def _attachment(seed: Seed, i: int, rng: random.Random) -> Resource:
    bucket = seed.items("buckets")[i % seed.scale]
    workload = seed.items("workloads")[i % seed.scale]
    facts = (("Bucket", bucket.name), ("Workload", workload.name),
             ("Mount path", f"/mnt/{bucket.name}"))
    meta = {"bucket_id": bucket.id, "workload_id": workload.id}
    name = f"{bucket.name} on {workload.name}"
    return Resource(f"att-{i + 1:04d}", name, "attachments", "mounted", i, facts, meta)


def _membership(seed: Seed, i: int, rng: random.Random) -> Resource:
    who, handle = person(i)
    facts = (("Member", who), ("Email", f"{handle}@northwind.example"),
             ("Project", PROJECTS[i % len(PROJECTS)]),
             ("Role", ("member", "admin", "viewer")[i % 3]))
    return Resource(f"mbr-{i + 1:04d}", who, "memberships", "active", i, facts)


def _service_account(seed: Seed, i: int, rng: random.Random) -> Resource:
    facts = (("Project", PROJECTS[i % len(PROJECTS)]), ("Keys", str(1 + i % 2)),
             ("Created", stamp(1440 * (i + 3))), ("Last used", stamp(30 * (i + 1))))
    name = cycled(SERVICE_ACCOUNTS, i)
    return Resource(f"sa-{i + 1:04d}", name, "service-accounts", "active", i, facts)


def _credential(seed: Seed, i: int, rng: random.Random) -> Resource:
    name, kind = CREDENTIALS[i % len(CREDENTIALS)]
    owner, _ = person(i)
    facts = (("Type", kind), ("Owner", owner), ("Fingerprint", f"…{rng.getrandbits(32):08x}"),
             ("Expires", stamp(-1440 * (30 + i))))
    return Resource(f"cred-{i + 1:04d}", cycled((name,), i), "credentials", "active", i, facts)


def _entitlement(seed: Seed, i: int, rng: random.Random) -> Resource:
    name, scope = ENTITLEMENTS[i % len(ENTITLEMENTS)]
    facts = (("Scope", scope), ("Granted to", PROJECTS[i % len(PROJECTS)]),
             ("Granted", stamp(1440 * (i + 10))))
    return Resource(f"ent-{i + 1:04d}", cycled((name,), i), "entitlements", "granted", i, facts)


def _quota(seed: Seed, i: int, rng: random.Random) -> Resource:
    metric, limit = QUOTAS[i % len(QUOTAS)]
    project = PROJECTS[i % len(PROJECTS)]
    used = rng.randint(limit // 5, limit)
    facts = (("Project", project), ("Metric", metric), ("Limit", str(limit)), ("Used", str(used)))
    posture = "near limit" if used > 0.8 * limit else "within limit"
    return Resource(f"quota-{i + 1:04d}", f"{project} · {metric}", "quotas", posture, i, facts)


def _session(seed: Seed, i: int, rng: random.Random) -> Resource:
    facts = (("Device", DEVICES[i % len(DEVICES)]),
             ("Address", f"198.51.100.{rng.randint(2, 250)}"), ("Last seen", stamp(17 * i + 2)))
    name = DEVICES[i % len(DEVICES)]
    return Resource(f"ses-{i + 1:04d}", name, "sessions", "active" if i < 2 else "idle", i, facts)


def _config(seed: Seed, i: int, rng: random.Random) -> Resource:
    name, kind = CONFIGS[i % len(CONFIGS)]
    facts = (("Type", kind), ("Revision", str(rng.randint(3, 40))),
             ("Updated", stamp(300 * i + 60)))
    return Resource(f"cfg-{i + 1:04d}", cycled((name,), i), "configs", "applied", i, facts)


def _finance(seed: Seed, i: int, rng: random.Random) -> Resource:
    org = cycled(ORGS, i)
    facts = (("Plan", ("Enterprise", "Research", "Startup")[i % 3]),
             ("Balance", f"${rng.randint(1000, 90000):,}.00"), ("Currency", "USD"),
             ("Billing contact", f"finance@{org.split()[0].lower()}.example"))
    return Resource(f"fin-{i + 1:04d}", org, "finance-accounts", "in good standing", i, facts)


def _user(seed: Seed, i: int, rng: random.Random) -> Resource:
    who, handle = person(i)
    role = ("platform_admin", "project_admin", "user", "user")[i % 4]
    facts = (("Email", f"{handle}@northwind.example"), ("Role", role),
             ("Projects", ", ".join(PROJECTS[: 1 + i % 3])), ("Last sign-in", stamp(45 * i + 5)))
    return Resource(f"usr-{i + 1:04d}", who, "users", "active", i, facts, {"role": role})


def _node(seed: Seed, i: int, rng: random.Random) -> Resource:
    site = seed.items("maas-sites")[i % seed.scale]
    _, gpu, count, vcpu, ram, _ = SKUS[i % 4]
    facts = (("Site", site.name), ("GPUs", f"{count}x {gpu}"), ("vCPU", str(vcpu)),
             ("Memory", f"{ram} GiB"), ("Rack", f"R{10 + i // 8}"),
             ("BMC", f"10.{20 + i // 250}.{i % 250}.10"))
    meta = {"site_id": site.id, "capabilities": "gpu nvlink infiniband" if count == 8 else "gpu"}
    posture = "cordoned" if i % 7 == 6 else "ready"
    return Resource(f"node-{i + 1:04d}", f"gpu-node-{i + 1:02d}", "nodes", posture, i, facts, meta)


def _site(seed: Seed, i: int, rng: random.Random) -> Resource:
    code, city = SITES[i % len(SITES)]
    code = cycled((code,), i)
    facts = (("Location", city), ("MAAS endpoint", f"https://maas.{code}.gpucloud.example/MAAS"),
             ("Machines", str(rng.randint(16, 240))), ("Zones", str(1 + i % 3)))
    return Resource(f"site-{i + 1:04d}", code, "maas-sites", "connected", i, facts)


def _profile(seed: Seed, i: int, rng: random.Random) -> Resource:
    name, image = PROFILES[i % len(PROFILES)]
    facts = (("Image", image), ("Storage layout", ("lvm", "flat", "raid1")[i % 3]),
             ("Kernel", f"6.8.0-{40 + i % 9}-generic"))
    return Resource(f"prof-{i + 1:04d}", cycled((name,), i), "maas-profiles", "active", i, facts)


def _fabric(seed: Seed, i: int, rng: random.Random) -> Resource:
    site = seed.items("maas-sites")[i % seed.scale]
    facts = (("Site", site.name), ("VLAN", str(100 + i)), ("MTU", ("4092", "9000", "1500")[i % 3]))
    return Resource(f"fab-{i + 1:04d}", cycled(FABRICS, i), "maas-fabrics", "assigned", i, facts)


def _onboarding(seed: Seed, i: int, rng: random.Random) -> Resource:
    mode = ("direct", "batch", "discovery")[i % 3]
    site = seed.items("maas-sites")[i % seed.scale]
    title = {
        "direct": f"Direct onboarding of gpu-node-{seed.scale + i + 1:02d}",
        "batch": f"Batch onboarding rack R{20 + i} ({8 + i % 9} nodes)",
        "discovery": f"Discovery scan 10.{40 + i % 200}.0.0/22",
    }[mode]
    status = ("succeeded", "running", "failed")[i % 3]
    facts = (("Mode", mode), ("Site", site.name), ("Started", stamp(200 * i + 30)),
             ("Status", status))
    meta = {"mode": mode}
    return Resource(f"onb-{i + 1:04d}", title, "onboarding-jobs", status, i, facts, meta)


def _notification(seed: Seed, i: int, rng: random.Random) -> Resource:
    title, severity = NOTIFICATIONS[i % len(NOTIFICATIONS)]
    facts = (("Severity", severity), ("Received", stamp(25 * i + 3)))
    posture = "unread" if i < 3 else "read"
    return Resource(f"ntf-{i + 1:04d}", title, "notifications", posture, i, facts)


BUILDERS: dict[str, Builder] = {
    "workloads": _workload, "skus": _sku, "apps": _app, "artifacts": _artifact,
    "buckets": _bucket, "grants": _grant, "attachments": _attachment,
    "memberships": _membership, "service-accounts": _service_account,
    "credentials": _credential, "entitlements": _entitlement, "quotas": _quota,
    "sessions": _session, "configs": _config, "finance-accounts": _finance, "users": _user,
    "nodes": _node, "maas-sites": _site, "maas-profiles": _profile, "maas-fabrics": _fabric,
    "onboarding-jobs": _onboarding, "notifications": _notification,
}
PREFIXES: dict[str, str] = {
    "workloads": "wl-", "skus": "sku-", "artifacts": "art-", "buckets": "bkt-", "grants": "grt-",
    "attachments": "att-", "memberships": "mbr-", "service-accounts": "sa-",
    "credentials": "cred-", "entitlements": "ent-", "quotas": "quota-", "sessions": "ses-",
    "configs": "cfg-", "finance-accounts": "fin-", "users": "usr-", "nodes": "node-",
    "maas-sites": "site-", "maas-profiles": "prof-", "maas-fabrics": "fab-",
    "onboarding-jobs": "onb-", "notifications": "ntf-",
}
