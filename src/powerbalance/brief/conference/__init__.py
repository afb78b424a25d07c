"""The decision-conference page: the room moves the weights and watches the ranking change.

:func:`interactive` builds a self-contained page (one HTML file, its script and style
inline, nothing fetched) with a slider for every area and every criterion. The page
scores the options itself under the weighted sum, the weighted product and TOPSIS, with
the weight-independent part of each method computed here in Python and embedded
(:func:`payload`), so that its scores are the library's. The same script runs as a
notebook widget.

Examples
--------
>>> import powerbalance as pb
>>> page = pb.brief.interactive(pb.examples.load("great-power-cooperation"))
>>> page.html.startswith("<!DOCTYPE html>"), page.payload["method"]["scored"]
(True, True)
"""

from powerbalance.brief.conference._page import ConferencePage, interactive
from powerbalance.brief.conference._payload import PAYLOAD_SCHEMA, payload

__all__ = ["PAYLOAD_SCHEMA", "ConferencePage", "interactive", "payload"]
