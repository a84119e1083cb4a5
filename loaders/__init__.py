"""Bytes in, validated report rows out: no Streamlit, no database file.

The pipeline, in the order a file goes through it:

- :mod:`loaders.sniff` decides what the bytes are (never the file name);
- :mod:`loaders.guard` refuses hostile containers (zip bombs, entity declarations, absurd
  sheet extents) before any reader sees them;
- :mod:`loaders.workbook` reads every visible sheet into a table of strings
  (:mod:`loaders.isolated` runs the readers of rarer formats in a memory-capped child);
- :mod:`loaders.legacy` converts TCVN3 / VNI text;
- :mod:`loaders.headers` and :mod:`loaders.layout` find the header, the title block and the
  shape of each sheet and stage its rows;
- :mod:`loaders.normalize` types, cleans and matches all staged rows at once in DuckDB
  against a :class:`loaders.catalog.Catalog` of the plan's units and tasks;
- :mod:`loaders.pipeline` ties these together for a batch of files.

Problems in the input are values (:class:`loaders.problems.Problem`), never exceptions.
"""
