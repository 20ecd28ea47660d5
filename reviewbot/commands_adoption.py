"""The commands that help a team adopt reviewbot: ``init``, ``fix`` and ``test-rules``."""

from __future__ import annotations

import click

from reviewbot.commands_fix import fix_command
from reviewbot.commands_init import init_command
from reviewbot.commands_team import test_rules_command

ADOPTION_COMMANDS: tuple[click.Command, ...] = (init_command, fix_command, test_rules_command)
