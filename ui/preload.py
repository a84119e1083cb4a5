"""Start loading plotly's part of Streamlit's front end at the top of a session's first run,
then the table code once a chart is drawn.

Streamlit's front end fetches and evaluates its plotly chunk (4.6 MB of JavaScript, the
largest part of a first visit) only when a chart element arrives, which on our pages is
after the gate, the menu, the filters and the chart's own queries: the browser sat idle
during the script and then spent seconds on plotly after it. The entry script mounts
this small component (our own fixed JavaScript, no user text) before everything else, on
the sign-in page too; it imports the same chunk file Streamlit will import, so the module
is loaded once and the chart draws as soon as its figure arrives.

On the sign-in page the import starts once the page's run has been drawn and the browser
is idle (``requestIdleCallback``), or at the first tap, click or key, whichever comes
first: evaluating the chunk holds the browser's main thread for a second or more (two on a
busy machine), so it is kept out of the sign-in page's own drawing and done while the user
reads the page. A tap made during it waits for it; started at the tap instead, it held up
the signed-in page's messages, which the chart needs it for anyway. The chunk's name is
read from Streamlit's installed static folder, so it follows Streamlit's version; without
one (a source checkout without a built front end) nothing is mounted.

Once the page's first chart is drawn and the browser is idle, the same component imports
Streamlit's table code (:data:`LATER`): the overview keeps its tables in a closed expander,
so without this the first table of the session (the ranking) fetched and evaluated 1.5 MB
before its own chart could draw. The other elements' chunks are left to Streamlit: imported
beside plotly's at the tap, they compete with it for a phone's one busy thread and the
chart comes later (docs/benchmarks.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from tracker.usecases.sign_in import COOKIE
from ui import session

SENT = "preload.sent"

_JS = """
export default function ({ data }) {
  if (window.trackerPreloaded === data.chunk) return;
  window.trackerPreloaded = data.chunk;
  const main = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!main) return;
  const load = (name) => import(new URL(name, main.src).href).catch(() => {});
  const app = () => window.document.querySelector('[data-testid="stApp"]');
  const drawn = () => app() && app().getAttribute('data-test-script-state') === 'notRunning';
  const idle = (then, wait) => window.requestIdleCallback
    ? window.requestIdleCallback(then, { timeout: wait }) : then();
  // the table's chunks: once a chart is drawn and the browser is idle (or after a minute)
  let polls = 0;
  const later = () => {
    const plot = window.document.querySelector('.js-plotly-plot');
    if ((plot && plot._fullData && drawn()) || ++polls > 300) {
      idle(() => data.later.forEach(load), 500);
    } else {
      window.setTimeout(later, 200);
    }
  };
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    // after the tap's own handlers and messages: the import's work comes second
    window.setTimeout(() => { load(data.chunk); later(); }, 0);
  };
  if (data.atOnce) { start(); return; }
  for (const kind of ['pointerdown', 'keydown']) {
    window.document.addEventListener(kind, start, { capture: true, once: true });
  }
  // once the page's run has been drawn (the app's script state) and the browser is idle
  const whenDrawn = () => {
    if (!drawn()) {
      window.setTimeout(whenDrawn, 100);
    } else {
      idle(start, 1000);
    }
  };
  window.setTimeout(whenDrawn, 100);
}
"""

_component = st.components.v2.component("tracker_preload", js=_JS, isolate_styles=False)


LATER = ("DataFrame",)
"""Streamlit's table code (about 1.5 MB with what it imports), imported once the page's first
chart is drawn and the browser is idle: the first page showing a table (the ranking, a
cell's rows, an opened expander) finds it loaded in this tab and cached for the next."""


@cache
def _chunks(prefix: str) -> tuple[str, ...]:
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    return tuple(sorted(path.name for path in folder.glob(f"{prefix}.*.js")))


def chunk(name: str) -> str | None:
    """The file name of Streamlit's chunk for `name` (``PlotlyChart`` ->
    ``PlotlyChart.<hash>.js``), or None if the installed front end has no such chunk."""
    found = _chunks(name)
    return found[0] if len(found) == 1 else None


def plotly_chunk() -> str | None:
    """The file name of Streamlit's plotly chunk (``PlotlyChart.<hash>.js``), or None."""
    return chunk("PlotlyChart")


def _known(names: tuple[str, ...]) -> list[str]:
    return [found for found in map(chunk, names) if found is not None]


def plotly_early(signed_in: bool | None = None) -> None:
    """Mount the preloading component once per session (later runs have the module loaded
    already); hidden by :data:`ui.styles.APP_CSS`. `signed_in` True (someone signed in,
    or the open app): at once; False (the sign-in page): once the browser is idle, or at
    the first interaction; None
    (before the gate): at once if the session or a session cookie says someone is signed
    in, else nothing yet (the entry script calls again once the gate has decided)."""
    found = plotly_chunk()
    if found is None or st.session_state.get(SENT):
        return
    if signed_in is None:
        if session.current_actor() is None and COOKIE not in st.context.cookies:
            return
        signed_in = True
    st.session_state[SENT] = True
    with st.container(key="tracker-preload"):
        _component(
            key="preload.plotly",
            data={
                "chunk": found,
                "atOnce": signed_in,
                "later": _known(LATER),
            },
        )
