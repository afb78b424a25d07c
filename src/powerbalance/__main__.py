"""``python -m powerbalance``: the same as the ``powerbalance`` command."""

from powerbalance.cli import run

run()
