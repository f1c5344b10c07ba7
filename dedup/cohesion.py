"""Stories whose every version is similar to the canonical text.

Clustering keeps every version linked to its story's centre or to most of its versions; the
canonical text is chosen afterwards by content, and may be another version. A version less
similar to the canonical version than the story threshold leaves its story: such versions form
a story of their own, which is checked the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def cohesive_stories(
    groups: list[list[int]],
    canonical_of: Callable[[list[int]], int],
    similarity: Callable[[np.ndarray, np.ndarray], np.ndarray],
    threshold: float,
    n_pages: int,
) -> tuple[list[list[int]], np.ndarray]:
    """The groups of pages split until every page's similarity to its group's canonical page
    (`canonical_of`) reaches `threshold`, and that similarity per page (1.0 for a canonical page).

    `similarity(a, b)` scores the page pairs (a[i], b[i]).
    """
    scores = np.ones(n_pages, dtype=np.float64)
    done: list[list[int]] = []
    todo = [g for g in groups if len(g) > 1]
    done += [g for g in groups if len(g) == 1]
    while todo:
        members = todo.pop()
        centre = canonical_of(members)
        scores[centre] = 1.0
        others = np.asarray([p for p in members if p != centre], dtype=np.int64)
        found = similarity(np.full(len(others), centre, dtype=np.int64), others)
        scores[others] = found
        near = found >= threshold
        done.append([centre, *others[near].tolist()])
        far = others[~near].tolist()
        if len(far) > 1:
            todo.append(far)
        elif far:
            scores[far] = 1.0
            done.append(far)
    return done, scores


#: A story with more than this many versions per outlet is reported: an outlet carries a report once.
SUSPECT_VERSIONS_PER_OUTLET = 2
#: ... and so is one where at least `SUSPECT_WEAK` versions, and half of them, are this close to the threshold.
SUSPECT_MARGIN = 0.1
SUSPECT_WEAK = 2


def suspect_stories(stories: dict[str, list[int]], outlets_of: dict[str, set[str]], similarity: list[float],
                    threshold: float) -> list[dict]:
    """Stories that look like several merged: far more versions than outlets, or most versions
    barely similar to the canonical text; each with its id and why."""
    found = []
    for sid, members in stories.items():
        outlets = len(outlets_of[sid])
        weak = [similarity[p] for p in members if similarity[p] < threshold + SUSPECT_MARGIN]
        if len(members) > SUSPECT_VERSIONS_PER_OUTLET * outlets:
            found.append({"id": sid, "why": f"{len(members)} versions from {outlets} outlets"})
        elif len(weak) >= SUSPECT_WEAK and 2 * len(weak) >= len(members) - 1:
            found.append({"id": sid, "why": f"{len(weak)} of {len(members)} versions barely similar to the canonical text"
                                             f" ({min(weak):.2f}-{max(weak):.2f})"})
    return found
