"""The timeline theme: Jinja templates, partials, interface strings and assets.

This folder is the source of truth; packaging maps it to ``generator.theme`` so the wheel carries
it, MkDocs finds it as ``theme: timeline``, and a project's own ``theme/`` folder can override any
single file (see ``generator/theming.py``).
"""
