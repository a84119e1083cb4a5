"""Stopping the servers the browser tests start (Streamlit, the OIDC provider)."""

from __future__ import annotations

import subprocess


def stop(process: subprocess.Popen) -> None:
    """Terminate `process`, killing it if it has not ended within ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
