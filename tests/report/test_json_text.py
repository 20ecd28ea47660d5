"""JSON reports are valid UTF-8 and give a file name that is not UTF-8 back exactly."""

from __future__ import annotations

import json
import os

from reviewbot.report import json_text


def test_a_name_that_is_not_utf8_round_trips_through_valid_utf8() -> None:
    name = os.fsdecode(b"s\xff.py")

    text = json_text.dumps({"path": name, "message": "café ✓"})

    assert '"path": "s\\udcff.py"' in text
    assert "café ✓" in text  # other characters stay as they are, not escaped
    assert json.loads(text.encode("utf-8").decode("utf-8")) == {"path": name, "message": "café ✓"}
    assert text.endswith("}\n")
