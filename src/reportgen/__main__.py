"""``python -m reportgen``: the same as the ``reportgen`` command."""

from .entry import run

run(prog_name="reportgen")
