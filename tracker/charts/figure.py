"""A plotly Figure from plain trace and layout dicts, built without plotly's checks, handed
over without copying its arrays.

``go.Figure(data=…, layout=…)`` runs a validator over every property and copies every
array it is given; on a page of 4,000 heatmap cells or 800 timeline bars that costs more
than shaping the data. The charts here are fixed code (the same properties at every
call, only the data changes), so each property is checked once, by the tests
(``tests/unit/test_chart_figures.py`` validates every chart the full way and compares the
two), not at every build. The Figure is still a real ``go.Figure``: ``st.plotly_chart``
takes it as is (a plain dict would be validated there), and ``fig.layout.legend.y``
and ``fig.data[0].x`` read as usual.

``st.plotly_chart`` calls ``to_dict()``, which in plotly deep-copies every trace, item by
item for arrays of text, before it serialises them; :class:`Figure` gives the same dict
(the tests compare it with ``go.Figure.to_dict``) built from new dicts and lists around
the same arrays, which serialising only reads. Text arrays are best given as numpy
arrays of a text dtype (``np.array(list_of_str)``): building the Figure copies those in
one piece, where an object array or a list is copied item by item.

Building a Figure deep-copies every trace, an object array item by item (a heatmap's
4,000 hover texts are 4,000 ``deepcopy`` calls). :func:`figure` builds it with an empty
slice in place of each array and then puts the array there, as the Figure's own,
uncopied (the JSON is the same text): a Figure made here owns its arrays from then on
(nothing else changes them).

Plotly's own code builds its templates the same way (``Template(…, _validate=False)``);
the keyword is plotly's, not ours.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import convert_to_base64  # what go.Figure.to_dict calls


def _containers(value: Any) -> Any:
    """`value` with every dict and list in it new, everything else (arrays, text, numbers)
    the same object."""
    if isinstance(value, dict):
        return {k: _containers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_containers(v) for v in value]
    return value


class Figure(go.Figure):
    """A ``go.Figure`` whose :meth:`to_dict` shares its arrays instead of copying them."""

    def to_dict(self) -> dict[str, Any]:
        """What ``go.Figure.to_dict`` returns (numeric arrays as plotly's base64 typed
        arrays), its dicts and lists new: changing them leaves the figure as it is. The
        arrays are the figure's own; do not change them in place."""
        found: dict[str, Any] = {
            "data": [_containers(trace) for trace in self._data],
            "layout": _containers(self._layout),
        }
        frames = deepcopy([frame._props for frame in self._frame_objs])
        if frames:
            found["frames"] = frames
        convert_to_base64(found)  # replaces arrays in the new dicts, not in the figure's
        return found


def _placeholders(value: dict[str, Any], path: tuple[str, ...], found: list) -> dict:
    """`value` (a trace or a dict inside one) with each numpy array replaced by an empty
    slice of it (copied for nothing), each noted in `found` as (path, array)."""
    kept: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, np.ndarray):
            found.append(((*path, key), item))
            kept[key] = item[:0]
        elif isinstance(item, dict):
            kept[key] = _placeholders(item, (*path, key), found)
        else:
            kept[key] = item
    return kept


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """The Figure of `data` (trace dicts, each with its ``type``) and `layout`, unchecked.

    A misspelt property is not refused here: it reaches the browser, which ignores it.
    Leave out properties whose value is ``None`` (a checked Figure drops them, an
    unchecked one may keep an empty object). The traces' numpy arrays (at any depth) go
    into the Figure uncopied (see the module docstring)."""
    arrays: list[list] = [[] for _ in data]
    bare = [_placeholders(trace, (), found) for trace, found in zip(data, arrays, strict=True)]
    built = Figure(data=bare, layout=layout, _validate=False)
    for props, found in zip(built._data, arrays, strict=True):
        for path, array in found:
            place = props
            for key in path[:-1]:
                place = place[key]
            place[path[-1]] = array  # where the placeholder was: the keys keep their order
    return built
