"""Shared set-up for the build hooks: make scripts/courselib importable.

MkDocs loads each hook file by path; the rules live in scripts/courselib so
that hooks, scripts and tests import the same code (see README).
"""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
