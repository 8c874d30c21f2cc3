"""Which OpenStreetMap ways each travel mode may use, in which direction, and how fast.

The rules are a small, documented subset of OSRM's Lua profiles (``profiles/car.lua``,
``bicycle.lua``, ``foot.lua`` in github.com/Project-OSRM/osrm-backend), adapted to Hanoi.

Road classes (``highway=*``) per mode
-------------------------------------
car
    motorway, trunk, primary, secondary, tertiary (and their ``_link`` roads), unclassified,
    residential, living_street, service — the classes of OSRM's car profile.
motorbike
    the car classes except motorway/motorway_link (assumption: in OSM Vietnam ``motorway`` is the
    *đường cao tốc*, closed to motorbikes), plus track; path/footway only when
    ``motorcycle=yes|designated|permissive``.
bicycle
    trunk … tertiary, unclassified, residential, living_street, service, cycleway, track, path;
    footway/pedestrian only when ``bicycle=yes|designated|permissive``. Unlike OSRM, trunk roads
    are included (assumption: Vietnam's national roads carry mixed traffic; a ban is tagged
    ``bicycle=no`` and honoured).
walk
    every class above except motorway/motorway_link and cycleway (a cycleway with
    ``foot=yes|designated|permissive`` is allowed), plus footway, pedestrian and steps.

Access tags honoured (the first one present decides, most specific first): car ``motorcar``,
``motor_vehicle``, ``vehicle``, ``access``; motorbike ``motorcycle``, ``motor_vehicle``,
``vehicle``, ``access``; bicycle ``bicycle``, ``vehicle``, ``access``; walk ``foot``, ``access``.
Values ``no``, ``private``, ``agricultural``, ``forestry``, ``emergency`` close the way to the mode.
``area=yes`` ways are skipped. ``maxspeed`` (km/h, or mph) caps car and motorbike speeds.

One-way streets: car and motorbike obey ``oneway=yes|1|true`` (``-1``: against the drawing
direction; ``reversible`` ways are skipped), ``junction=roundabout|circular`` and the implied
one-way of ``motorway``/``motorway_link`` (as OSRM does); motorbikes read ``oneway:motorcycle``
first. Bicycles and pedestrians go both ways unless ``oneway:bicycle`` / ``oneway:foot`` says
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ocop_geo.routing.base import Mode

_LINKS = ("motorway", "trunk", "primary", "secondary", "tertiary")

#: Car speeds, km/h: OSRM ``profiles/car.lua`` (``speeds.highway``), the free-flow figures OSRM
#: uses without traffic data.
CAR_KMH: dict[str, float] = {
    "motorway": 90, "motorway_link": 45, "trunk": 85, "trunk_link": 40,
    "primary": 65, "primary_link": 30, "secondary": 55, "secondary_link": 25,
    "tertiary": 40, "tertiary_link": 20, "unclassified": 25, "residential": 25,
    "living_street": 10, "service": 15,
}  # fmt: skip

#: Motorbike speeds, km/h. ASSUMPTION (project estimate, not measured, no published source):
#: slower than a car's free-flow speed on main roads in Hanoi's mixed traffic, as fast on narrow
#: streets where both crawl. Replace with measured figures when the tourism department has them.
MOTORBIKE_KMH: dict[str, float] = {
    "trunk": 50, "trunk_link": 35, "primary": 45, "primary_link": 30,
    "secondary": 40, "secondary_link": 25, "tertiary": 35, "tertiary_link": 20,
    "unclassified": 25, "residential": 25, "living_street": 15, "service": 15, "track": 15,
}  # fmt: skip

#: Bicycle speeds, km/h: OSRM ``profiles/bicycle.lua`` (``default_speed = 15``; track and path
#: 12); trunk roads get the default speed (see the module notes).
BICYCLE_KMH: dict[str, float] = {
    **dict.fromkeys(_LINKS[1:] + tuple(f"{c}_link" for c in _LINKS[1:]), 15.0),
    "unclassified": 15, "residential": 15, "living_street": 15, "service": 15,
    "cycleway": 15, "track": 12, "path": 12,
}  # fmt: skip

#: Walking speed, km/h: OSRM ``profiles/foot.lua`` (``walking_speed = 5``) on every class.
WALK_KMH: dict[str, float] = dict.fromkeys(
    [*sorted(BICYCLE_KMH.keys() - {"cycleway"}), "footway", "pedestrian", "steps"], 5.0
)

#: Default speed per mode and road class, km/h (see the constants for their sources).
SPEEDS_KMH: dict[Mode, dict[str, float]] = {
    "car": CAR_KMH,
    "motorbike": MOTORBIKE_KMH,
    "bicycle": BICYCLE_KMH,
    "walk": WALK_KMH,
}

#: Classes a mode may use only with an explicit tag of its own (e.g. ``bicycle=yes`` on a
#: footway), km/h: motorbike 15 (assumption), bicycle 6 (OSRM bicycle.lua ``walking_speed``,
#: pushing), walk 5.
OPT_IN_KMH: dict[Mode, dict[str, float]] = {
    "car": {},
    "motorbike": {"path": 15, "footway": 15},
    "bicycle": {"footway": 6, "pedestrian": 6},
    "walk": {"cycleway": 5},
}

ACCESS_KEYS: dict[Mode, tuple[str, ...]] = {
    "car": ("motorcar", "motor_vehicle", "vehicle", "access"),
    "motorbike": ("motorcycle", "motor_vehicle", "vehicle", "access"),
    "bicycle": ("bicycle", "vehicle", "access"),
    "walk": ("foot", "access"),
}
#: The tag that opts a mode into an :data:`OPT_IN_KMH` class.
OWN_KEY: dict[Mode, str] = {
    "car": "motorcar",
    "motorbike": "motorcycle",
    "bicycle": "bicycle",
    "walk": "foot",
}
ONEWAY_KEYS: dict[Mode, tuple[str, ...]] = {
    "car": ("oneway",),
    "motorbike": ("oneway:motorcycle", "oneway"),
    "bicycle": ("oneway:bicycle",),
    "walk": ("oneway:foot",),
}
BLOCKED = frozenset({"no", "private", "agricultural", "forestry", "emergency"})
OPT_IN_VALUES = frozenset({"yes", "designated", "permissive"})
_MAXSPEED = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mph)?\s*$")


def _class_speed(tags: Mapping[str, str], mode: Mode) -> float:
    """Speed (km/h) of the way for ``mode`` before direction rules; 0 when closed to it."""
    highway = tags.get("highway", "")
    if tags.get("area") == "yes":
        return 0.0
    access = next((tags[k] for k in ACCESS_KEYS[mode] if k in tags), "")
    if access in BLOCKED:
        return 0.0
    speed = SPEEDS_KMH[mode].get(highway)
    if speed is None and tags.get(OWN_KEY[mode]) in OPT_IN_VALUES:
        speed = OPT_IN_KMH[mode].get(highway)
    if not speed:
        return 0.0
    match = _MAXSPEED.match(tags.get("maxspeed", ""))
    if match and mode in ("car", "motorbike"):
        limit = float(match[1]) * (1.609344 if match[2] else 1.0)
        speed = min(speed, limit) if limit > 0 else speed
    return float(speed)


def way_speeds(tags: Mapping[str, str], mode: Mode) -> tuple[float, float]:
    """Travel speed along an OSM way for ``mode``, forward and backward.

    Parameters
    ----------
    tags : mapping
        The way's OSM tags.
    mode : Mode
        The travel mode.

    Returns
    -------
    (forward_kmh, backward_kmh) : tuple of float
        Speeds in km/h along and against the way's node order; 0.0 where the mode may not travel.
    """
    speed = _class_speed(tags, mode)
    if speed == 0.0:
        return (0.0, 0.0)
    value = next((tags[k] for k in ONEWAY_KEYS[mode] if k in tags), None)
    if value is None and mode in ("car", "motorbike"):
        implied = tags.get("junction") in ("roundabout", "circular") or tags.get("highway") in (
            "motorway",
            "motorway_link",
        )
        value = "yes" if implied else "no"
    if value in ("yes", "1", "true"):
        return (speed, 0.0)
    if value in ("-1", "reverse"):
        return (0.0, speed)
    if value == "reversible" and mode in ("car", "motorbike"):
        return (0.0, 0.0)
    return (speed, speed)
