"""Accessible names for the maps' markers.

Leaflet gives every marker icon ``role="button"`` and ``tabindex="0"`` (keyboard users can reach
and open it), but a ``<div>`` icon (Font Awesome markers, numbered stops) gets no name: a screen
reader announces an unnamed button (axe: ``aria-command-name``). Leaflet's own ``title`` option
would name it, but also shows the browser's native tooltip over our Leaflet tooltip.

:class:`MarkerNames`, added to a map before its layers, makes Leaflet write a marker's
``ariaLabel`` option (``folium.Marker(..., aria_label=...)``, plain text) as the icon's
``aria-label`` each time the icon element is (re)created — also after ``setIcon``, which folium
calls once the marker is on the map.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

__all__ = ["MarkerNames"]


class MarkerNames(MacroElement):
    """Wraps ``L.Marker.prototype._initIcon`` once per page to set ``aria-label``."""

    _template = Template(
        "{% macro script(this, kwargs) %}(function(){var p=L.Marker.prototype;"
        "if(p._ocopNamed)return;p._ocopNamed=true;var init=p._initIcon;"
        "p._initIcon=function(){init.apply(this,arguments);"
        "if(this._icon&&this.options.ariaLabel)"
        'this._icon.setAttribute("aria-label",this.options.ariaLabel)}})();{% endmacro %}'
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MarkerNames"
