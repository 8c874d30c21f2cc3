"""A placed row's ``reason`` as people read it.

:func:`ocop_geo.registry.placement.place` writes each reason as catalogue messages (message id and
parameters, :class:`ocop_geo.i18n.Message`) stored as JSON text in the ``reason`` column — in the
database and in exports — and rendered in the reader's language only where it is shown.
Text that is not such JSON (a reason written by hand into an import) is shown as written.
"""

from __future__ import annotations

from ocop_geo.i18n import Message, messages_from_json


def reason_messages(stored: object) -> list[Message] | None:
    """The messages of a stored reason (``[]`` when empty), None for free text."""
    return messages_from_json(stored)


def reason_text(stored: object, lang: str) -> str:
    """A stored reason in ``lang``: its parts joined by ``"; "``."""
    messages = messages_from_json(stored)
    if messages is None:
        return str(stored)
    return "; ".join(m.render(lang) for m in messages)
