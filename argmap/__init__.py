"""argmap: argument maps in YAML, checked, rendered and exported."""

__version__ = "0.1.0"
