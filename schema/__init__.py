"""The JSON Schema of event files, generated from ``generator/fields.py`` (``chronology schema``).

Packaged as ``generator.schemas`` so editors' tools can point at a copy in any project.
"""
