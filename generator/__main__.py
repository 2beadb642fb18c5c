"""Allow `python -m generator`."""

from generator.cli import cli

cli(prog_name="playbook")
