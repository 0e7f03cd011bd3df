"""Chronology generator: YAML event files in, a browsable source-linked chronology site out.

The data flows one way, one module per stage:

    load (files -> nodes with positions) -> validate (nodes -> model objects + problems)
    -> organise (indexes, pages, URLs) -> render (Jinja templates) -> write (files on disk)

``build.py`` runs the stages; ``plugin.py`` adapts them to MkDocs; ``cli.py`` to the shell.
"""

__version__ = "0.1.0"
