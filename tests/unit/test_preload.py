"""ui.preload names Streamlit's front-end chunks by their prefix; the installed front end
must hold exactly one file for each, or a Streamlit upgrade silently preloads nothing."""

from __future__ import annotations

import pytest

from ui import preload


@pytest.mark.parametrize("name", ("PlotlyChart", *preload.LATER))
def test_each_preloaded_chunk_is_one_file_of_the_installed_front_end(name):
    found = preload.chunk(name)
    assert found is not None and found.startswith(f"{name}.") and found.endswith(".js")


def test_a_chunk_the_front_end_does_not_have_is_none():
    assert preload.chunk("NoSuchElement") is None
