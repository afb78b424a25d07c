"""What an SMAA result's figures mean, in words, for the readers of its renderings.

A confidence factor of 1 beside an option that ranks first under 0.02% of the
weightings reads as a contradiction unless it is said what each figure measures; so is
a rank shared at random. These notes say so in the result's own document.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["reading_notes", "tied"]


def tied(win_counts: npt.NDArray[np.int64], samples: int) -> bool:
    """Whether some weighting left two options tied (a win for neither).

    Examples
    --------
    >>> import numpy as np
    >>> tied(np.array([[0, 10], [0, 0]]), 10), tied(np.array([[0, 7], [2, 0]]), 10)
    (False, True)
    """
    decided = win_counts + win_counts.T
    off_diagonal = ~np.eye(len(win_counts), dtype=bool)
    return bool((decided[off_diagonal] < samples).any())


def reading_notes(*, uncertain_cells: int, ties: bool) -> list[str]:
    """How to read the first-rank share, the holistic index and the confidence factor.

    Parameters
    ----------
    uncertain_cells : int
        How many scores were drawn from their distributions (0: fixed scores).
    ties : bool
        Whether some weighting left options tied (:func:`tied`).

    Examples
    --------
    >>> notes = reading_notes(uncertain_cells=0, ties=False)
    >>> [note.split(":")[0] for note in notes]
    ['First (%)', 'Holistic', 'Confidence']
    >>> "either 1 or 0" in notes[2]
    True
    """
    if uncertain_cells:
        factor = (
            "with uncertain scores, it is the share of fresh score draws under which the "
            "option ranks first with its central weights, so a low factor says its wins "
            "depend on how the uncertain scores turn out"
        )
    else:
        factor = (
            "with the scores fixed it is either 1 or 0, so a 1 says only that the option's "
            "typical supporting weighting does make it first, not that it often ranks first "
            "(the first-rank share says how often), and a 0 that it wins only under "
            "scattered weightings with no typical one"
        )
    notes = [
        "First (%): the share of the weightings drawn under which the option ranks first.",
        "Holistic: every rank the option takes, weighed from 1 for first place down to 0 "
        "for last; 1 means first under every weighting.",
        "Confidence: the confidence factor, how often the option ranks first when the "
        "weights are its central weights (the average of the weightings that put it "
        f"first); {factor}. A dash marks an option that never ranks first.",
    ]
    if ties:
        notes.append(
            "Ties: some weightings scored options equally. Tied options take the ranks they "
            "share in random order, so that every weighting gives each rank to one option."
        )
    return notes
