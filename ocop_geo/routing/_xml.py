"""Namespaced XML for the GPX and KML exports, written with :mod:`xml.etree` (which escapes).

Elements are built with plain names under a root that declares the default namespace
(``xmlns="…"``): the document is namespaced for every reader, and nothing touches
ElementTree's global prefix registry, so concurrent exports cannot disturb each other.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ocop_geo.text import xml_safe


def root_element(name: str, namespace: str, **attrib: str) -> ET.Element:
    """The root element ``name`` declaring ``namespace`` as the document's default."""
    return ET.Element(name, {"xmlns": namespace, **attrib})


def child(parent: ET.Element, tag: str, text: str | None = None, /, **attrib: str) -> ET.Element:
    """A sub-element ``tag`` of ``parent`` (in the document's default namespace) with ``text``
    and attributes ``attrib`` (any attribute name, ``name=`` included); characters XML cannot
    hold (control characters, lone surrogates) become U+FFFD."""
    safe = {key: xml_safe(value) for key, value in attrib.items()}
    element = ET.SubElement(parent, tag, safe)
    element.text = None if text is None else xml_safe(text)
    return element


def serialise(root: ET.Element) -> bytes:
    """``root`` as indented UTF-8 bytes with an XML declaration."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
