"""Performance benchmark of the chronology generator: synthetic content, measured builds.

``python -m benchmarks.run`` is the entry point; see ``benchmarks/README.md``.
"""
