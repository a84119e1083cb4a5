"""Text from files, URLs and users, made safe for the places Streamlit reads as Markdown
(``st.markdown``, captions, alerts, headings, widget labels).

Streamlit's Markdown turns ``[x](http://…)`` into a link and ``![i](http://…)`` into an
image fetched from elsewhere, and reads ``:red[…]``, ``:material/…:`` and ``$…$`` as its
own directives; GitHub's extensions make ``http://…``, ``www.…`` and ``a@b.c`` links; raw
HTML is shown as text unless a call allows it. :func:`md` puts a backslash (CommonMark's
escape) before every character that starts one of these (brackets, ``!``, ``<``, ``>``,
``&``, ``:``, ``@``, the dot after ``www``) or marks text up (``*``, ``_``, backticks,
``~``, ``|``, ``#``, ``$``, braces, the backslash), so the text is drawn exactly as typed
and nothing in it is followed or fetched; ordinary punctuation (``.`` ``,`` ``(`` ``)``
``-``) is left alone, so messages read the same in tests and logs. Where the text goes into
our own HTML (``unsafe_allow_html``), escape the result for HTML as well.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_{}\[\]<>!#|~$&:@])")
_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def md(text: object) -> str:
    """`text` as literal text inside Markdown."""
    return _WWW.sub(r"\1\\.", _MARKUP.sub(r"\\\1", str(text)))
