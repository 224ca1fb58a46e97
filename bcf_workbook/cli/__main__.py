"""``python -m bcf_workbook.cli``: the same as ``bcf-workbook``."""

import sys

from . import main

sys.exit(main())
