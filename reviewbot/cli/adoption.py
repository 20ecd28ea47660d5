"""The commands that help a team adopt reviewbot: ``init``, ``fix`` and ``test-rules``."""

from __future__ import annotations

import click

from reviewbot.cli.fix import fix_command
from reviewbot.cli.init import init_command
from reviewbot.cli.team import test_rules_command

ADOPTION_COMMANDS: tuple[click.Command, ...] = (init_command, fix_command, test_rules_command)
