"""Turn a matrix's missing entries into one error that names the stop at fault."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ocop_geo.i18n import Message
from ocop_geo.routing.base import Mode, RoutingError


def unreachable_error(
    reachable: npt.NDArray[np.bool_], mode: Mode, where: Message | str
) -> RoutingError:
    """A RoutingError naming the stop that takes part in most unreachable pairs.

    Parameters
    ----------
    reachable : bool array, shape (n, n)
        ``reachable[i, j]`` is False when no road leads from stop ``i`` to stop ``j``.
    mode : Mode
        The travel mode (named in the message).
    where : Message or str
        The back end that answered (graph file, server URL), appended to the message.
    """
    bad = ~np.asarray(reachable, dtype=bool)
    stop = int(np.argmax(bad.sum(axis=0) + bad.sum(axis=1)))
    if bad[:, stop].any():
        other = int(np.argmax(bad[:, stop]))
        key = "routing.error.unreachable_to"
    else:
        other = int(np.argmax(bad[stop]))
        key = "routing.error.unreachable_from"
    return RoutingError(Message(key, stop=stop, other=other, mode=mode, where=where))
