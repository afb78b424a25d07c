"""Shared set-up of the file-format tests: the suite's hypothesis strategies on the path."""

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
