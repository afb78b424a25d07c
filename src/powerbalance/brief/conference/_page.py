"""interactive(): the conference page, one self-contained HTML file."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

import attrs

from powerbalance._render import STYLESHEET
from powerbalance._version import __version__
from powerbalance.brief.conference._assets import script, stylesheet
from powerbalance.brief.conference._payload import study_payload
from powerbalance.io._atomic import write_file
from powerbalance.methods import MethodLike
from powerbalance.model import Assessment, Study
from powerbalance.weighting import WeightingLike

__all__ = ["ConferencePage", "interactive"]

#: The page's own model for the view: the payload, and the weights kept in the URL
#: fragment (``#weights=`` and one number per criterion, in the payload's order), so
#: that a bookmark or a reload brings the same weights back.
SHIM = """
const payloadNode = document.getElementById("pb-conference-payload");
const data = JSON.parse(payloadNode.textContent);
const names = data.criteria.map((c) => c.name);
function fromFragment() {
  const found = /^#weights=([^&]*)/.exec(location.hash);
  if (!found) return null;
  const values = decodeURIComponent(found[1]).split(",").map(Number);
  const fine = values.every((v) => Number.isFinite(v) && v >= 0) && values.some((v) => v > 0);
  if (values.length !== names.length || !fine) return null;
  return Object.fromEntries(names.map((n, j) => [n, values[j]]));
}
const state = { payload: data, weights: fromFragment() || data.start };
const listeners = new Map();
let pending = 0;
const model = {
  get: (key) => state[key],
  set(key, value) {
    state[key] = value;
    for (const f of listeners.get(`change:${key}`) || []) f();
  },
  on(event, f) { listeners.set(event, [...(listeners.get(event) || []), f]); },
  off(event, f) { listeners.set(event, (listeners.get(event) || []).filter((g) => g !== f)); },
  save_changes() {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const fragment = "#weights=" + names.map((n) => state.weights[n]).join(",");
      try { history.replaceState(null, "", fragment); } catch (error) { /* no history here */ }
    }, 100);
  },
};
addEventListener("hashchange", () => { const w = fromFragment(); if (w) model.set("weights", w); });
render({ model, el: document.getElementById("pb-conference") });
"""

#: What the page adds to the brief's style: room for two columns.
PAGE_STYLE = """
.powerbalance.pb-conference-page { max-width: 84rem; }
.pb-conference-page > .provenance { margin-top: 1.5rem; }
"""


@attrs.frozen
class ConferencePage:
    """A decision-conference page: the HTML of one self-contained file.

    Made by :func:`interactive`. Open the saved file in any modern browser, with no
    network: its script and style are inline and it fetches nothing.

    Attributes
    ----------
    html : str
        The page.
    payload : dict
        The data the page was built from (:func:`powerbalance.brief.conference.payload`).

    Examples
    --------
    >>> import powerbalance as pb
    >>> page = pb.brief.interactive(pb.examples.load("engage-or-contain"))
    >>> page.title
    'Engage or contain: the smallest useful study'
    """

    html: str = attrs.field(repr=False)
    payload: dict[str, Any] = attrs.field(repr=False, eq=False)
    title: str = ""

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` in one step (a failed write leaves the old file).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        FileWriteError
            The file cannot be written.

        Examples
        --------
        >>> import tempfile, pathlib, powerbalance as pb
        >>> page = pb.brief.interactive(pb.examples.load("engage-or-contain"))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     saved = page.save(pathlib.Path(folder) / "conference.html")
        ...     saved.read_text(encoding="utf-8") == page.html
        True
        """
        target = Path(path)
        write_file(target, self.html)
        return target

    def _repr_html_(self) -> str:
        """The page in a frame of its own, so that its script and style stay in it."""
        return (
            f'<iframe title="{html.escape(self.title or "Decision conference", quote=True)}" '
            f'srcdoc="{html.escape(self.html, quote=True)}" '
            'style="width: 100%; height: 56rem; border: 1px solid #d6d6d6;"></iframe>'
        )


def interactive(
    assessment_or_study: Study | Assessment,
    *,
    weighting: WeightingLike | None = None,
    method: MethodLike = "weighted-sum",
) -> ConferencePage:
    """A page where a room moves the weights and watches the ranking change.

    The page has a slider for every area and every criterion (moving one rescales the
    others in proportion, except those locked; an area's slider moves its criteria
    together), a reset, the ranking with each option's gap to the first, the benefits
    and risks by area, and on each slider the band of weights over which the leader
    stays first (from :func:`powerbalance.sensitivity.stability` at the starting
    weights). When first place changes hands, a status line says so in words for
    screen readers too. The current weights are shown as ``pb.Weights`` and as a
    ``[presets.NAME]`` block to paste into a study file, and are kept in the address
    (``#weights=...``), so that a bookmark keeps them.

    Under the weighted sum, the weighted product and TOPSIS the page re-ranks as the
    sliders move, with the library's arithmetic: the weight-independent part of each
    method is computed here and embedded, and the page computes only the rest. Under
    any other method the page shows the library's ranking at the starting weights and
    the stability bands, and says why it does not re-rank.

    Parameters
    ----------
    assessment_or_study : Study or Assessment
        What to decide on; a study's title and presets are used.
    weighting : WeightingScheme, str, Weights or callable, optional
        The starting weights, as for :func:`powerbalance.evaluate`, or the name of one
        of the study's presets. By default the study's first preset, or equal weights
        when it has none.
    method : Method or str, default "weighted-sum"
        The aggregation method.

    Returns
    -------
    ConferencePage

    Raises
    ------
    InvalidParameterError
        An argument is not of the accepted forms.
    UnknownNameError
        ``weighting`` names no preset of the study and no registered scheme, or
        ``method`` no registered method.
    PowerbalanceError
        For any other problem in the inputs, as :func:`powerbalance.evaluate` raises it.

    Examples
    --------
    >>> import powerbalance as pb
    >>> page = pb.brief.interactive(pb.examples.load(), method="topsis")
    >>> page.payload["weighting"]["words"]
    "the study's 'security-first' weights"
    >>> page.payload["stability"]["leader"]
    'Targeted cooperation'
    >>> page.html.count('<script type="module">')
    1
    """
    data = study_payload(
        assessment_or_study, weighting=weighting, method=method, owner="interactive"
    )
    return ConferencePage(page_html(data), data, title=data["title"])


def page_html(data: dict[str, Any]) -> str:
    """The standalone page for a payload: the view's script and style inline, nothing fetched.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance.brief.conference import payload
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> page_html(payload(a, weights="equal")).count('<script type="module">')
    1
    """
    # Inside a <script>, only "</script" or "<!--" could end it early: no "<" is left.
    embedded = json.dumps(data, ensure_ascii=False, allow_nan=False).replace("<", "\\u003c")
    code = script()
    title = html.escape(str(data["title"]))
    ranking = "".join(
        f"<li>{html.escape(row['option'])} ({row['score']:.3f})</li>"
        for row in data["start_ranking"]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light">'
        f"<title>{title}: decision conference</title>"
        f"<style>{STYLESHEET}{stylesheet()}{PAGE_STYLE}</style></head>"
        '<body><main><div class="powerbalance pb-conference-page">'
        f'<div id="pb-conference"><noscript><h2>{title}</h2><p>This page moves the '
        "weights with JavaScript, which is switched off. The ranking at the starting "
        f"weights:</p><ol>{ranking}</ol></noscript></div>"
        f'<p class="provenance">Method: {html.escape(data["method"]["full_name"])}. '
        f"Starting weights: {html.escape(data['weighting']['words'])}. "
        f"powerbalance {html.escape(__version__)}.</p>"
        "</div></main>"
        f'<script type="application/json" id="pb-conference-payload">{embedded}</script>'
        f'<script type="module">{code}\n{SHIM}</script>'
        "</body></html>\n"
    )
