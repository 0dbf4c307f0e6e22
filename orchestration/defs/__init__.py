"""The Dagster layer, thin: assets, checks, automation and resources over the domain core.

`definitions.py` assembles them for one `Settings`; nothing here holds a rule of its own.
"""
