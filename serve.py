"""What ``make run`` serves: the app (dashboard.py) with the session-cookie routes
(:mod:`ui.web`) and the download route (:mod:`ui.downloads`) mounted through Streamlit's
own ASGI ``st.App``.

``streamlit run serve.py`` finds the ``app`` below and serves it; every Streamlit option
(``--server.port`` …) applies as usual.
"""

import streamlit as st

from ui import downloads
from ui.web import routes

app = st.App("dashboard.py", routes=[*routes(), downloads.route()])
