__version__ = "0.1.0"
"""The version of powerbalance, as a PEP 440 string; shown in every report's provenance.

Examples
--------
>>> import importlib.metadata
>>> import powerbalance as pb
>>> pb.__version__ == importlib.metadata.version("powerbalance")
True
"""
