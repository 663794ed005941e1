"""``python -m analysis``: the same command line as the ``analysis`` script."""

import sys

from .cli import main

sys.exit(main())
