"""Named checks, one registry: `from harness.checks import registry; registry.run(name, ...)`.

This package is the catalog: importing it imports every check module, and each module's checks
register themselves (`@registry.check`), so the registry never imports a check module (no
registry <-> module circle). A new check module is added to the list below."""

from harness.checks import (
    cutover,
    degraded,
    density,
    identity,
    interaction,
    lifecycle,
    links,
    navigation,
    parity,
    quality,
    rendering,
    roles,
    rows,
)

__all__ = ["cutover", "degraded", "density", "identity", "interaction", "lifecycle", "links",
           "navigation", "parity", "quality", "rendering", "roles", "rows"]
