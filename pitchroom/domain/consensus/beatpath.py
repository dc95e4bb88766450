"""Schulze's beatpath relation from the link graph's strongly connected
components, strength by strength, instead of the O(n^3) widest paths.

``G_s`` is the graph of the links (``d[a, b] > d[b, a]``) of strength at least
``s``. A widest path's strength is one of the links', and ``p[a, b] >= s``
exactly when b is reachable from a in ``G_s``; the graphs shrink as ``s``
grows. So when a and b are in one strongly connected component of ``G_t`` but
in different ones of ``G_s`` (s the next strength after t that a link has),
``p[a, b]`` and ``p[b, a]`` are both at least t and at most one of them is at
least s: a beats b exactly when b is reachable from a in ``G_s``. Every path of
``G_s`` between two nodes of one component of ``G_t`` stays inside it (each node
on it reaches b and is reached from a in ``G_t``), so ``G_s`` is taken only
within the components of ``G_t``, and their parts are split in turn at the next
strength. Two nodes that stay together up to the strongest link have equal
paths both ways. Below the weakest link everything is one group, and a beats b
exactly when b is reachable at all.

The components come from trimming sources and sinks (Kahn's layers, both ways)
and forward-backward searches from a pivot, over all groups at once (the graph
has no edge between groups); the reachability between the parts, from the
condensation in topological order as bit sets. tests/consensus/test_beatpath.py
compares the relation with :func:`pairwise.schulze_beats`.
"""

from __future__ import annotations

import numpy as np


def beats_by_levels(d: np.ndarray) -> np.ndarray:
    """:func:`pairwise.schulze_beats` of the pairwise matrix ``d``: (n, n) bool,
    a beats b in the beatpath relation."""
    n = len(d)
    beats = np.zeros((n, n), dtype=bool)
    if n < 2:
        return beats
    top = int(d.max())
    small = np.int8 if top < 2**7 else np.int16 if top < 2**15 else np.int64
    link = np.where(d > d.T, d, 0).astype(small)
    levels = np.nonzero(np.bincount(link.ravel().astype(np.int64)))[0]
    levels = levels[levels > 0]
    group = np.zeros(n, dtype=np.int64)  # the components of the previous strength
    t = _first_split(link, levels)
    while t < len(levels):
        graph = link >= levels[t]
        if group.any():
            # Not needed for the relation (a pair of two groups was decided when
            # they parted, and a path now was one then), but a sparser condensation.
            graph &= group[:, None] == group[None, :]
        labels, count = _components(graph)
        if count == int(group.max()) + 1:  # nothing split at this strength
            t += 1
            continue
        if count == n:  # every node its own component: the closure in node order
            beats |= _reach_of(graph)
            break
        reach = _closure(graph, labels, count)
        # Pairs in one new component have no beat decided here; rows and columns
        # of the largest component's members need only be looked at against others.
        sizes = np.bincount(labels, minlength=count)
        rest = labels != int(np.argmax(sizes))
        idx = np.nonzero(rest)[0]
        if 4 * len(idx) > n:
            beats |= reach[labels][:, labels]
        else:
            beats[idx] |= reach[labels[idx]][:, labels]
            beats[:, idx] |= reach[labels][:, labels[idx]]
        group = labels
        if (sizes <= 1).all():
            break
        t += 1
    return beats


def _first_split(link: np.ndarray, levels: np.ndarray) -> int:
    """The first strength index at which the graph ``link >= level`` is not
    strongly connected (``len(levels)``: none). Strong connection only gets
    lost as the strength grows, so a binary search finds it."""
    if len(levels) == 0 or not _strong(link >= levels[0]):
        return 0
    low, high = 0, len(levels)  # strong at low; not strong at high (no links)
    while high - low > 1:
        mid = (low + high) // 2
        if _strong(link >= levels[mid]):
            low = mid
        else:
            high = mid
    return high


def _reach(graph: np.ndarray, start: int, within: np.ndarray) -> np.ndarray:
    """The nodes reachable from ``start`` in ``graph`` through ``within`` (bool mask)."""
    seen = np.zeros(len(graph), dtype=bool)
    seen[start] = True
    frontier = seen.copy()
    while True:
        nxt = graph[frontier].any(axis=0) & within & ~seen
        if not nxt.any():
            return seen
        seen |= nxt
        frontier = nxt


def _strong(graph: np.ndarray) -> bool:
    everyone = np.ones(len(graph), dtype=bool)
    return bool(_reach(graph, 0, everyone).all() and _reach(graph.T, 0, everyone).all())


def _components(graph: np.ndarray) -> tuple[np.ndarray, int]:
    """The strongly connected components of a dense graph: a label per node and
    the number of components."""
    k = len(graph)
    back = np.ascontiguousarray(graph.T)
    labels = np.full(k, -1, dtype=np.int64)
    count = 0
    todo = [np.ones(k, dtype=bool)]
    while todo:
        part = todo.pop()
        # A node without an edge from (or to) the rest of its part is alone.
        for edges in (graph, back):
            deg = edges[part].sum(axis=0)
            lone = part & (deg == 0)
            while lone.any():
                idx = np.nonzero(lone)[0]
                labels[idx] = np.arange(count, count + len(idx))
                count += len(idx)
                part = part & ~lone
                deg -= edges[lone].sum(axis=0)
                lone = part & (deg == 0)
        while part.any():
            pivot = int(np.argmax(np.where(part, deg, -1)))
            ahead = _reach(graph, pivot, part)
            behind = _reach(back, pivot, part)
            both = ahead & behind
            labels[both] = count
            count += 1
            for rest in (ahead & ~behind, behind & ~ahead):
                if rest.any():
                    todo.append(rest)
            # Nodes neither reach nor are reached from the pivot: other groups
            # (or other parts of this one), searched from a pivot of their own.
            part = part & ~ahead & ~behind
    return labels, count


def _closure(graph: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """(count, count) bool: component j is reachable from component i (i != j)."""
    if count == len(graph):
        order_ = np.argsort(labels)
        cond = graph[order_][:, order_]
    else:
        # Rows, then columns, of one component ORed together (grouped by label).
        order_ = np.argsort(labels, kind="stable")
        starts = np.searchsorted(labels[order_], np.arange(count))
        grouped = graph[order_][:, order_].view(np.uint8)
        cond = np.maximum.reduceat(np.maximum.reduceat(grouped, starts, axis=0), starts, axis=1)
        cond = cond.astype(bool)
    return _reach_of(cond)


def _reach_of(cond: np.ndarray) -> np.ndarray:
    """(k, k) bool: node j is reachable from node i (i != j) in the acyclic ``cond``
    (its diagonal is cleared)."""
    count = len(cond)
    np.fill_diagonal(cond, False)
    # Kahn's layers of the condensation (a DAG): every edge goes from a layer to a
    # later one. Then each component's reach as bits, the last layer first: its
    # successors and everything they reach, one layer at a time (the layer's edges
    # gathered and ORed per source at once; no edge inside a layer).
    layers: list[np.ndarray] = []
    indeg = cond.sum(axis=0)
    alive = np.ones(count, dtype=bool)
    while alive.any():
        ready = alive & (indeg == 0)
        assert ready.any(), "a cycle between components"
        layers.append(np.nonzero(ready)[0])
        alive &= ~ready
        indeg -= cond[ready].sum(axis=0)
    bits = np.packbits(cond, axis=1)
    for layer in reversed(layers):
        src, dst = np.nonzero(cond[layer])  # by source, each source's successors together
        if not len(src):
            continue
        starts = np.flatnonzero(np.r_[True, src[1:] != src[:-1]])
        bits[layer[src[starts]]] |= np.bitwise_or.reduceat(bits[dst], starts, axis=0)
    reach: np.ndarray = np.unpackbits(bits, axis=1, count=count).astype(bool)
    return reach
