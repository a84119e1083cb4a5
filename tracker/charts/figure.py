"""A plotly Figure from plain trace and layout dicts, built without plotly's checks.

``go.Figure(data=…, layout=…)`` runs a validator over every property and copies every
array it is given; on a page of 4,000 heatmap cells or 800 timeline bars that costs more
than shaping the data. The charts here are fixed code (the same properties at every
call, only the data changes), so each property is checked once, by the tests
(``tests/unit/test_chart_figures.py`` validates every chart the full way and compares the
two), not at every build. The Figure is still a real ``go.Figure``: ``st.plotly_chart``
takes it as is (a plain dict would be validated there), and ``fig.layout.legend.y``
and ``fig.data[0].x`` read as usual.

Plotly's own code builds its templates the same way (``Template(…, _validate=False)``);
the keyword is plotly's, not ours.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """The Figure of `data` (trace dicts, each with its ``type``) and `layout`, unchecked.

    A misspelt property is not refused here: it reaches the browser, which ignores it.
    Leave out properties whose value is ``None`` (a checked Figure drops them, an
    unchecked one may keep an empty object)."""
    return go.Figure(data=data, layout=layout, _validate=False)
