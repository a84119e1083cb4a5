"""Bytes in, validated rows and located problems out: no Streamlit, no database file.

Three kinds of input, one subpackage each, over the readers they share:

- :mod:`loaders.reading` decides what the bytes are (:mod:`loaders.reading.sniff`, never the
  file name), refuses hostile containers before any reader sees them
  (:mod:`loaders.reading.guard`), reads every visible sheet into a table of strings
  (:mod:`loaders.reading.workbook`, with :mod:`loaders.reading.isolated` running the readers
  of rarer formats in a memory-capped child) and converts TCVN3 / VNI text
  (:mod:`loaders.reading.legacy`);
- :mod:`loaders.reports` finds the header and shape of each report sheet
  (:mod:`loaders.reports.headers`, :mod:`loaders.reports.layout`), types and matches all
  staged rows at once (:mod:`loaders.reports.normalize`, against a
  :class:`loaders.reports.catalog.Catalog` of the plan's units and tasks) and ties these
  together for a batch of files (:mod:`loaders.reports.pipeline`);
- :mod:`loaders.plans` drafts a plan (tasks, deadlines, units) from its document or sheet;
- :mod:`loaders.templates` writes the report template units fill in.

Problems in the input are values (:class:`domain.problems.Problem`), never exceptions.
"""
