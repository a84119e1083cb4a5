"""What ``make run`` serves: the app (dashboard.py) with our routes (:mod:`ui.web`: the
session cookie's and the downloads') mounted through Streamlit's own ASGI ``st.App``, and
:mod:`ui.web.headers` in front of every route (``frame-ancestors 'self'``, no public
metrics, no uploads before sign-in), and :mod:`ui.web.warm` started beside the server (the
first run's imports and the store, before the first visitor).

``streamlit run serve.py`` finds the ``app`` below and serves it; every Streamlit option
(``--server.port`` …) applies as usual.
"""

import streamlit as st

from ui.web import middleware, routes, warm

app = st.App("dashboard.py", routes=routes(), middleware=middleware(), lifespan=warm.lifespan)
