"""Named checks, one registry: `from harness.checks import registry; registry.run(name, ...)`."""
