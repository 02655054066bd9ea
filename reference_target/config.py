"""Start-up settings of one reference-target instance (faults, latency, scale, seed)."""

from dataclasses import dataclass, field

from reference_target.faults import parse_faults

DEFAULT_SCALE = 8


@dataclass(frozen=True)
class TargetConfig:
    faults: frozenset[str] = field(default_factory=frozenset)
    # Added per-request delay, drawn uniformly from [min, max] milliseconds with a seeded RNG.
    latency_ms: tuple[int, int] = (0, 0)
    # Resources per collection; large values model a big inventory (generated lazily).
    scale: int = DEFAULT_SCALE
    seed: int = 0
    # How long the `slow-page` fault stalls; tests shrink it so they need not wait 30 s.
    slow_page_seconds: float = 30.0
    # Form-login mode (`--login`): username (= role id) -> password; None keeps the default
    # mode, where a `role` cookie selects the role. Sessions end after `session_ttl_s`.
    login_users: dict[str, str] | None = field(default=None, hash=False, compare=False)
    session_ttl_s: float = 3600.0

    def __post_init__(self) -> None:
        # Validate names even when the config is built in-process rather than by the CLI.
        object.__setattr__(self, "faults", parse_faults(self.faults))
        low, high = self.latency_ms
        if low < 0 or high < low:
            raise ValueError(f"latency range must be 0 <= min <= max, got {low}-{high}")
        if self.scale < 1:
            raise ValueError(f"scale must be >= 1, got {self.scale}")

    def has(self, fault: str) -> bool:
        return fault in self.faults
