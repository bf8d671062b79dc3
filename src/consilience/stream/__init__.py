"""Many stories at once: near-duplicates (MinHash/LSH), online story clustering, persistent stream
state, incremental story analysis, and batch mode on any engine.

Modules: ``dedup`` (families of copies), ``cluster`` (stories), ``processor`` (the stream step),
``state`` (SQLAlchemy tables), ``incremental`` (cached per-document analyses), ``batch`` (one
report per story), ``evaluation`` (corpus metrics), ``cli`` (the ``stream`` and ``batch`` commands).
"""
