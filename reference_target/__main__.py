"""`python -m reference_target` starts the reference app (see cli.py for options)."""

import sys

from reference_target.cli import main

sys.exit(main())
