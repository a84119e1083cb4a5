"""The application: the command line (``python -m tracker``), exports, charts, views and
use cases, over :mod:`loaders` and :mod:`store` side by side and :mod:`domain` under them.

Nothing in this package imports Streamlit: the web pages, the command line and the tests
all drive the same functions.
"""
