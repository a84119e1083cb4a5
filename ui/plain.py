"""Text from files, URLs and users, made safe for the places Streamlit reads as Markdown
(``st.markdown``, captions, alerts, headings, widget labels).

Streamlit's Markdown turns ``[x](http://…)`` into a link and ``![i](http://…)`` into an
image fetched from elsewhere, and reads ``:red[…]``, ``:material/…:`` and ``$…$`` as its
own directives; raw HTML is shown as text unless a call allows it. :func:`md` puts a
backslash before every ASCII punctuation character (CommonMark's escapes), so the text is
drawn exactly as typed and nothing in it is followed or fetched. Where the text goes into
our own HTML (``unsafe_allow_html``), escape it for HTML as well (:func:`html_md`).
"""

from __future__ import annotations

import html
import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """`text` as literal text inside Markdown."""
    return _PUNCTUATION.sub(r"\\\1", str(text))


def html_md(text: object) -> str:
    """`text` as literal text inside HTML that Streamlit's Markdown reads too: the
    Markdown escapes, then the HTML ones."""
    return html.escape(md(text), quote=True)
