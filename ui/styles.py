"""The app's own CSS, in one place: the download links' button look (:mod:`ui.downloads`),
the phone style (at most 640 px wide: a smaller title, narrower margins, every link and
button at least 44 px tall), the hidden holders of :mod:`ui.viewport`'s,
:mod:`ui.preload`'s and :mod:`ui.web.cookie`'s scripts and the print style (A4 landscape).

Printing drops the sidebar, the header and toolbar, and lets Streamlit's scroll containers
grow to their content (``overflow: visible; height: auto``): otherwise the page prints
only what the window shows and a long chart is cut. Charts are held to the page's width.
Injected once per run by :func:`ui.frame.page_frame`.
"""

from __future__ import annotations

APP_CSS = """
<style>
a.tracker-download {
  display: inline-block; padding: 0.4rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); color: inherit !important;
  text-decoration: none !important; background: #fff; line-height: 1.6;
}
a.tracker-download:hover { border-color: #ff4b4b; color: #ff4b4b !important; }
.st-key-viewport, .st-key-tracker-preload, .st-key-tracker-cookie,
[class*="st-key-tracker-scroll"] {
  display: none !important;
}
@media (max-width: 640px) {
  h1 { font-size: 1.55rem !important; line-height: 1.25 !important; }
  [data-testid="stMainBlockContainer"] {
    padding-top: 3.5rem !important; padding-left: 0.75rem !important;
    padding-right: 0.75rem !important;
  }
  [data-testid="stPageLink-NavLink"], [data-testid="stBaseButton-secondary"],
  [data-testid="stBaseButton-primary"], a.tracker-download { min-height: 44px; }
  [data-testid="stExpander"] summary { min-height: 44px; }
}
@page { size: A4 landscape; margin: 10mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], header, footer { display: none !important; }
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"],
  [data-testid="stMain"], [data-testid="stMainBlockContainer"], .main, section.main,
  [data-testid="stVerticalBlock"] {
    overflow: visible !important; height: auto !important; max-height: none !important;
  }
  [data-testid="stMainBlockContainer"], .block-container {
    padding: 0 !important; max-width: 100% !important;
  }
  .stPlotlyChart, .js-plotly-plot, [data-testid="stElementContainer"] {
    break-inside: avoid; max-width: 100% !important;
  }
  .js-plotly-plot .main-svg { max-width: 100% !important; }
}
</style>
"""
