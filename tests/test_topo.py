"""TopoJSON encoding: geometry encoded once, properties attached per use, in order."""

from __future__ import annotations

import pytest

from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps.topo import to_topojson, with_properties


def test_properties_follow_the_frame_order(catalog: Catalog) -> None:
    bare = to_topojson(catalog.wards, object_name="units", properties=[])
    names = catalog.wards["name_vi"].tolist()
    named = to_topojson(catalog.wards, object_name="units", properties=["name_vi"])
    attached = with_properties(bare, "units", [{"name_vi": n} for n in names])
    assert attached == named  # same as encoding with the property
    bare_geometries = bare["objects"]["units"]["geometries"]
    assert all(not g.get("properties") for g in bare_geometries)  # the cached one is untouched


def test_a_property_list_of_the_wrong_length_is_refused(catalog: Catalog) -> None:
    bare = to_topojson(catalog.districts, object_name="units", properties=[])
    with pytest.raises(ValueError, match="29 property sets for 30 geometries"):
        with_properties(bare, "units", [{}] * 29)
