"""``python -m localhub serve ...``: the same as the ``localhub`` command."""

import sys

from .cli import main

sys.exit(main())
