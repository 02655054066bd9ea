"""The embedded reference target: a small, realistic V3 web app the cutover suite runs against.

It is an independent system under test. It knows nothing about the suite's contracts; the suite
must discover everything it checks from what this app serves. Named faults break exactly one
behaviour each, so the project's own tests can prove every check fails when it should.
"""

from reference_target.app import create_app
from reference_target.config import TargetConfig
from reference_target.faults import FAULTS

__all__ = ["FAULTS", "TargetConfig", "create_app"]
