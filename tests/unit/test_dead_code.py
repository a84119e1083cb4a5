"""No dead code: vulture, with the settings in pyproject.toml ([tool.vulture]: which folders,
and the few names only other code calls), finds no definition that nothing uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VULTURE = str(Path(sys.executable).with_name("vulture"))


def test_no_definition_is_left_unused():
    done = subprocess.run([VULTURE], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout[-3000:]


def test_the_check_reports_a_function_nothing_calls(tmp_path):
    module = tmp_path / "forgotten.py"
    module.write_text("def used():\n    return 1\n\n\ndef forgotten():\n    return used()\n")
    done = subprocess.run([VULTURE, str(module)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "unused function 'forgotten'" in done.stdout and "'used'" not in done.stdout
