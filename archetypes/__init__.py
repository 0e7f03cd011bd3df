"""What ``chronology new`` (``event.yaml``) and ``chronology init`` (``project/``) scaffold.

Packaged as ``generator.archetypes``; a project's own ``archetypes/event.yaml`` takes precedence.
"""
