"""Exported files: the summary workbook (.xlsx), CSV tables, the Word draft of the
consolidated report (.docx) and chart images (.png), all built from :mod:`tracker.views.tables`
so an exported figure is the figure the pages show.

Nothing here imports Streamlit: the export page and ``python -m tracker export`` both call
:func:`tracker.exports.report.collect` and then one writer per format.
"""
