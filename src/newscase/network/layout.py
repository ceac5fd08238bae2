"""A spring layout for the network drawing, with numpy only (no networkx).

:func:`spring_layout` is Fruchterman and Reingold's force-directed placement exactly as
networkx 3.6 computes it for small graphs (``spring_layout`` with given start positions,
``_fruchterman_reingold`` on the dense adjacency matrix, then ``rescale_layout``): the same
operations in the same order, so the module draws the pictures it drew with networkx,
bit for bit. The order of the nodes is the order given (networkx used its own node order,
which for a small part of a larger graph followed string hashes, so a few drawings could
change from one Python session to the next; here they cannot).

The two functions adapted from networkx carry its licence:

    Copyright (c) 2004-2025, NetworkX Developers
    Aric Hagberg <hagberg@lanl.gov>
    Dan Schult <dschult@colgate.edu>
    Pieter Swart <swart@lanl.gov>
    All rights reserved.

    Redistribution and use in source and binary forms, with or without modification, are
    permitted provided that the following conditions are met:

      * Redistributions of source code must retain the above copyright notice, this list
        of conditions and the following disclaimer.
      * Redistributions in binary form must reproduce the above copyright notice, this
        list of conditions and the following disclaimer in the documentation and/or other
        materials provided with the distribution.
      * Neither the name of the NetworkX Developers nor the names of its contributors may
        be used to endorse or promote products derived from this software without
        specific prior written permission.

    THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY
    EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
    MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL
    THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
    SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
    PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
    INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT,
    STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF
    THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def components(nodes: Sequence[str], pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """The connected groups of ``nodes`` when ``pairs`` are ties (direction ignored)."""
    neighbours: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[str] = set()
    groups = []
    for node in nodes:
        if node in seen:
            continue
        group, stack = {node}, [node]
        while stack:
            for other in neighbours[stack.pop()] - group:
                group.add(other)
                stack.append(other)
        seen |= group
        groups.append(group)
    return groups


def spring_layout(
    nodes: Sequence[str],
    pairs: Iterable[tuple[str, str]],
    start: dict[str, tuple[float, float]],
    *,
    k: float,
    iterations: int,
    threshold: float = 1e-4,
) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` (at least two) in [-1, 1], centred on 0, from ``start``.

    ``pairs`` are the ties (each pair of distinct nodes once or more: the weight is 1),
    ``k`` the ideal distance between nodes; the movement cools linearly over
    ``iterations`` steps and stops early when nodes move less than ``threshold``.
    """
    import numpy as np

    index = {node: i for i, node in enumerate(nodes)}
    count = len(nodes)
    adjacency = np.zeros((count, count))
    for a, b in pairs:
        adjacency[index[a], index[b]] = adjacency[index[b], index[a]] = 1.0
    pos = np.array([start[node] for node in nodes], dtype=float)
    pos = _fruchterman_reingold(adjacency, k, pos, iterations, threshold)
    pos = _rescale(pos) + np.zeros(2)  # + centre, as networkx (turns -0.0 into 0.0)
    return {node: (pos[i][0], pos[i][1]) for i, node in enumerate(nodes)}


def _fruchterman_reingold(adjacency, k, pos, iterations, threshold):
    """networkx 3.6's ``_fruchterman_reingold`` (dense), without fixed nodes."""
    import numpy as np

    nnodes = adjacency.shape[0]
    pos = pos.astype(adjacency.dtype)
    # the initial "temperature" is about .1 of the domain: the largest step allowed
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)  # cool linearly, so the last step is dt
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum(
            "ijk,ij->ik", delta, (k * k / distance**2 - adjacency * distance / k)
        )
        length = np.linalg.norm(displacement, axis=-1)
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / nnodes) < threshold:
            break
    return pos


def _rescale(pos, scale=1):
    """networkx 3.6's ``rescale_layout``: centre on 0, largest coordinate = ``scale``."""
    import numpy as np

    pos -= pos.mean(axis=0)
    lim = np.abs(pos).max()
    if lim > 0:
        pos *= scale / lim
    return pos
