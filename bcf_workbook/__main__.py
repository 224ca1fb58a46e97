"""``python -m bcf_workbook``: the same as ``bcf-workbook``."""

import sys

from .cli import main

sys.exit(main())
