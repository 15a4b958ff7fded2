"""The course's content rules, in one place.

`scripts/check_content.py` (make check), the build hooks under
`overrides/hooks/` and the tests all import this package, so a rule is
written once and every tool reports it with the same words:

    path:line: what is wrong; how to fix it

The path is relative to the repository and the line is the Markdown (or
YAML) line of the file a trainer edits.
"""

from .problems import Problem

__all__ = ["Problem"]
