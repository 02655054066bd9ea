"""The V1 retirement-readiness report: model, renderers and command."""
