"""The token never leaves reviewbot: one redaction applied to everything delivery writes.

GitHub's error bodies are quoted in notes, annotations and the job summary, and a server (or a
proxy in front of it) may echo the request's credentials back. So every string that reaches
stdout, stderr, ``$GITHUB_STEP_SUMMARY`` or ``$GITHUB_OUTPUT`` passes through a ``Redactor``
holding the runner's token, at the point it is written (``Streams``, ``write_outputs``,
``append_step_summary``), not where the text is composed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewbot.report.github import escape_data, escape_property

REDACTED = "***"


@dataclass(frozen=True)
class Redactor:
    """Replaces each secret (and its workflow-command escaped forms) with ``***``."""

    secrets: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, *secrets: str | None) -> Redactor:
        """A redactor for the given secrets; empty ones (no token) are ignored."""
        return cls().adding(*secrets)

    def adding(self, *secrets: str | None) -> Redactor:
        """This redactor, also redacting ``secrets``."""
        forms = set(self.secrets)
        for secret in secrets:
            if secret:
                forms.update({secret, escape_data(secret), escape_property(secret)})
        # Longest first, so a secret that contains another is replaced whole.
        return Redactor(tuple(sorted(forms, key=lambda form: (-len(form), form))))

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


NO_SECRETS = Redactor()
