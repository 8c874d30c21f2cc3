"""Reasons stored in English before revision 0010 become catalogue messages on upgrade (and
English again on downgrade), so an older database's imports read in Vietnamese too."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, update

from ocop_geo.database.store import Store, alembic_config, registry_products
from ocop_geo.i18n import Message, messages_json
from ocop_geo.registry.imports import load_products
from ocop_geo.registry.reasons import reason_text
from tests.test_registry_imports import products, save

PLACES = [
    Message("registry.reason.was_in", unit="Xã Bát Tràng", district="Gia Lâm"),
    Message("registry.reason.unit_2025", unit="Xã Bát Tràng"),
]
REASONS = [
    [
        Message("registry.reason.outside_hanoi", lat=10.77, lon=106.7),
        Message("registry.reason.placed_by_ward"),
        Message(
            "registry.reason.district_contradicts",
            district_text="Hoàng Mai",
            ward_text="Bát Tràng",
            places=PLACES,
        ),
        Message(
            "registry.reason.earlier_name",
            ward_text="Kim Lan",
            renamed=Message(
                "registry.reason.renamed",
                old="Xã Kim Lan (Gia Lâm)",
                unit="Xã Bát Tràng",
                date="1/7/2025",
            ),
        ),
        Message(
            "registry.reason.former_district_share",
            district="Gia Lâm",
            unit="Xã Bát Tràng",
            share=0.97,
        ),
    ],
    [
        Message(
            "registry.reason.divided",
            old="Phường La Khê (Hà Đông)",
            date="1/7/2025",
            units="Phường Dương Nội, Phường Hà Đông",
        ),
        Message("registry.reason.centre", radius=3210.0),
    ],
]
HAND_WRITTEN = "không rõ địa chỉ"  # not a template: stays as written


def _stored(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        query = select(registry_products.c.reason).order_by(registry_products.c.row)
        return list(conn.scalars(query))


def test_english_reasons_of_an_older_database_become_messages(empty_store: Store) -> None:
    empty_store.upgrade()
    given = products(3)
    given["reason"] = [messages_json(REASONS[0]), messages_json(REASONS[1]), HAND_WRITTEN]
    summary = save(empty_store, products=given)
    config = alembic_config(empty_store)

    command.downgrade(config, "0009_audit_chain")
    english = _stored(empty_store)
    assert english[0].startswith(
        "coordinates (10.77, 106.7) lie outside Hanoi; placed by ward name; district 'Hoàng Mai' "
        "contradicts 'Bát Tràng' (Xã Bát Tràng was in Gia Lâm; Xã Bát Tràng is a 2025 unit); "
        "'Kim Lan' is an earlier name of Xã Kim Lan (Gia Lâm) → Xã Bát Tràng since 1/7/2025"
    )
    assert english[1].endswith("placed at the centre of those units (±3,210 m)")
    assert english[2] == HAND_WRITTEN

    command.upgrade(config, "head")
    assert _stored(empty_store) == [messages_json(r) for r in REASONS] + [HAND_WRITTEN]
    shown = load_products(empty_store, summary.id)["reason"].map(lambda r: reason_text(r, "vi"))
    assert shown.tolist()[1] == (
        "Phường La Khê (Hà Đông) được chia ngày 1/7/2025 cho Phường Dương Nội, Phường Hà Đông; "
        "đặt tại tâm các đơn vị đó (±3,210 m)"
    )


def test_a_reason_with_an_unknown_part_is_left_as_written(empty_store: Store) -> None:
    empty_store.upgrade()
    summary = save(empty_store)
    config = alembic_config(empty_store)
    command.downgrade(config, "0009_audit_chain")
    odd = "not placed; something no template knows"
    with empty_store.engine.begin() as conn:
        conn.execute(update(registry_products).values(reason=odd))
    command.upgrade(config, "head")
    assert set(_stored(empty_store)) == {odd}
    assert (
        load_products(empty_store, summary.id)["reason"]
        .map(lambda r: reason_text(r, "en"))
        .tolist()
        == [odd] * 3
    )
