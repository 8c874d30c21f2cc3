"""Turn a matrix's missing entries into one error that names the stop at fault."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ocop_geo.routing.base import Mode, RoutingError


def unreachable_error(reachable: npt.NDArray[np.bool_], mode: Mode, where: str) -> RoutingError:
    """A RoutingError naming the stop that takes part in most unreachable pairs.

    Parameters
    ----------
    reachable : bool array, shape (n, n)
        ``reachable[i, j]`` is False when no road leads from stop ``i`` to stop ``j``.
    mode : Mode
        The travel mode (named in the message).
    where : str
        The back end that answered (graph file, server URL), appended to the message.
    """
    bad = ~np.asarray(reachable, dtype=bool)
    stop = int(np.argmax(bad.sum(axis=0) + bad.sum(axis=1)))
    if bad[:, stop].any():
        other = int(np.argmax(bad[:, stop]))
        text = f"stop {stop} cannot be reached by {mode} from stop {other}"
    else:
        other = int(np.argmax(bad[stop]))
        text = f"no road usable by {mode} leads from stop {stop} to stop {other}"
    hint = "(a road not connected to the rest, or a one-way street that traps it)"
    return RoutingError(f"{text} {hint}; {where}")
