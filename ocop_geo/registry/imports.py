"""Saved registry imports: one uploaded product list and its placed rows, in the runtime database.

An import is written in one transaction (rows in batches of :data:`CHUNK_ROWS`), so a failure
leaves nothing behind; names are unique, and replacing an import needs ``replace=True``. The
rules the tables enforce (required values, stars 3/4/5, a known placement method) are reported
row by row when the database refuses a batch.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import delete, exc, insert, select
from sqlalchemy.engine import Connection

from ocop_geo.auth.guard import authorize
from ocop_geo.auth.permissions import User
from ocop_geo.database.named_rows import check_name
from ocop_geo.database.store import CHUNK_ROWS, Store, StoreError, first_line
from ocop_geo.database.tables import registry_imports, registry_products
from ocop_geo.i18n import Message
from ocop_geo.registry.placement import METHODS
from ocop_geo.registry.reader import STARS

__all__ = [
    "CHUNK_ROWS",
    "PRODUCT_COLUMNS",
    "ImportSummary",
    "list_imports",
    "load_products",
    "remove_import",
    "save_import",
]

#: The columns of a products frame, in the order :func:`load_products` returns them.
PRODUCT_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in registry_products.columns if c.name not in {"id", "import_id"}
)
#: dtypes of the loaded frame; text columns take pandas' default string dtype (missing → NaN).
_DTYPES = {
    "row": "int64",
    "stars": "int64",
    "year_rated": "int64",
    "lat": "float64",
    "lon": "float64",
    "placed_lon": "float64",
    "placed_lat": "float64",
    "accuracy_m": "float64",
    "ward_osm_id": "Int64",
}
_REQUIRED = tuple(
    c.name for c in registry_products.columns if not c.nullable and c.name in PRODUCT_COLUMNS
)


@dataclass(frozen=True)
class ImportSummary:
    """One saved registry import. ``imported_at`` is tz-aware UTC; ``placed_count`` counts the
    rows whose ``method`` is not ``"unplaced"``."""

    id: int
    name: str
    source_filename: str
    sha256: str
    imported_by: str
    imported_at: datetime
    row_count: int
    placed_count: int


def save_import(
    store: Store,
    *,
    name: str,
    source_filename: str,
    sha256: str,
    imported_by: str,
    products: pd.DataFrame,
    actor: User,
    replace: bool = False,
) -> ImportSummary:
    """Save one registry import and all its product rows in one transaction, as ``actor`` (an
    admin, checked in that transaction: :func:`~ocop_geo.auth.guard.authorize`).

    Parameters
    ----------
    name
        Unique, user-chosen name of the import (surrounding spaces are removed, as from
        ``imported_by``).
    source_filename, sha256
        The uploaded file's name and SHA-256 (hex).
    imported_by
        Who imports (user name).
    products
        Exactly the columns :data:`PRODUCT_COLUMNS`; NaN/None are stored as NULL.
    replace
        Replace an existing import of the same ``name`` (old rows deleted in the same
        transaction).

    Raises
    ------
    ForbiddenError
        ``actor`` may not change the registry (now). Nothing is written.
    StoreError
        If ``name`` or ``imported_by`` is empty or longer than
        :data:`~ocop_geo.database.named_rows.MAX_NAME` characters, the columns are wrong, ``name``
        exists and
        ``replace`` is false (the message says who imported it and when), or a row breaks a
        rule (stars 3/4/5, a known method, a required value). Then nothing is written.
    """
    name = check_name("name", name)
    imported_by = check_name("imported_by", imported_by)
    _check_columns(products)
    header = {
        "name": name,
        "source_filename": source_filename,
        "sha256": sha256,
        "imported_by": imported_by,
        "imported_at": datetime.now(UTC),
        "row_count": len(products),
        "placed_count": int((products["method"] != "unplaced").sum()),
    }
    try:
        with store.transaction(write=True) as conn:
            authorize(conn, actor, "registry")
            existing = conn.execute(
                select(registry_imports).where(registry_imports.c.name == name)
            ).one_or_none()
            if existing is not None:
                if not replace:
                    raise StoreError(_duplicate_message(_summary(existing)))
                conn.execute(delete(registry_imports).where(registry_imports.c.id == existing.id))
            import_id = conn.execute(insert(registry_imports).values(header)).inserted_primary_key[
                0
            ]
            for chunk in _chunks(_product_records(products, import_id), CHUNK_ROWS):
                conn.execute(insert(registry_products), chunk)
    except exc.IntegrityError as error:
        raise StoreError(_integrity_message(store, name, products, error)) from error
    except exc.DBAPIError as error:
        raise store.error_for(Message("registry.action.save", name=repr(name)), error) from error
    return ImportSummary(id=import_id, **header)


def list_imports(store: Store) -> list[ImportSummary]:
    """Every saved import, newest first."""
    query = select(registry_imports).order_by(
        registry_imports.c.imported_at.desc(), registry_imports.c.id.desc()
    )
    try:
        with store.transaction() as conn:
            return [_summary(row) for row in conn.execute(query)]
    except exc.DBAPIError as error:
        raise store.error_for(Message("registry.action.list"), error) from error


def load_products(store: Store, import_id: int) -> pd.DataFrame:
    """The products of one import, ordered by ``row``: the columns :data:`PRODUCT_COLUMNS`
    with int64 ``row``/``stars``/``year_rated``, float64 coordinates (NaN where missing),
    nullable ``Int64`` ``ward_osm_id`` and pandas' string dtype for text (NaN where missing).

    Raises
    ------
    StoreError
        If there is no import ``import_id``.
    """
    columns = [registry_products.c[name] for name in PRODUCT_COLUMNS]
    query = (
        select(*columns)
        .where(registry_products.c.import_id == import_id)
        .order_by(registry_products.c.row, registry_products.c.id)
    )
    try:
        with store.transaction() as conn:
            _require_import(conn, import_id)
            rows = conn.execute(query).all()
    except exc.DBAPIError as error:
        raise store.error_for(Message("registry.action.load", id=import_id), error) from error
    values = list(zip(*rows, strict=True)) if rows else [()] * len(PRODUCT_COLUMNS)
    return pd.DataFrame(
        {
            name: pd.Series(list(column), dtype=_DTYPES.get(name, _TEXT_DTYPE))
            for name, column in zip(PRODUCT_COLUMNS, values, strict=True)
        }
    )


def remove_import(store: Store, import_id: int, *, actor: User) -> None:
    """Delete one import and its products, as ``actor`` (an admin, checked then).

    Raises
    ------
    ForbiddenError
        ``actor`` may not change the registry (now).
    StoreError
        If there is no import ``import_id``.
    """
    try:
        with store.transaction(write=True) as conn:
            authorize(conn, actor, "registry")
            _require_import(conn, import_id)
            conn.execute(delete(registry_imports).where(registry_imports.c.id == import_id))
    except exc.DBAPIError as error:
        raise store.error_for(Message("registry.action.remove", id=import_id), error) from error


def _require_import(conn: Connection, import_id: int) -> None:
    found = conn.execute(
        select(registry_imports.c.id).where(registry_imports.c.id == import_id)
    ).first()
    if found is None:
        raise StoreError(Message("registry.error.no_import", id=import_id))


def _integrity_message(
    store: Store, name: str, products: pd.DataFrame, error: exc.IntegrityError
) -> Message | str:
    problems = _product_problems(products)
    if problems:
        return Message("registry.error.not_saved", name=repr(name), problems=problems)
    try:
        with store.transaction() as conn:
            existing = conn.execute(
                select(registry_imports).where(registry_imports.c.name == name)
            ).one_or_none()
    except exc.DBAPIError:
        existing = None
    if existing is not None:  # saved by someone else at the same moment
        return _duplicate_message(_summary(existing))
    return Message("registry.error.not_saved", name=repr(name), problems=first_line(error.orig))


def _check_columns(products: pd.DataFrame) -> None:
    if not isinstance(products, pd.DataFrame):
        msg = f"products must be a pandas DataFrame, not {type(products).__name__}"
        raise StoreError(msg)
    missing = [c for c in PRODUCT_COLUMNS if c not in products.columns]
    extra = [str(c) for c in products.columns if c not in PRODUCT_COLUMNS]
    if missing or extra:
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"unexpected {', '.join(extra)}"] if extra else []
        msg = f"products have the wrong columns: {'; '.join(parts)}"
        raise StoreError(msg)


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _product_records(products: pd.DataFrame, import_id: int) -> Iterator[dict[str, Any]]:
    """Rows as dicts of plain Python values (numpy scalars → int/float, NaN/NA/None → None)."""
    columns = []
    for name in PRODUCT_COLUMNS:
        series = products[name]
        values = series.tolist()  # numpy scalars become int/float, except in object columns
        if series.dtype == object:
            values = [v.item() if isinstance(v, np.generic) else v for v in values]
        missing = series.isna()
        if missing.any():
            values = [None if m else v for v, m in zip(values, missing.tolist(), strict=True)]
        columns.append(values)
    keys = ("import_id", *PRODUCT_COLUMNS)
    for values in zip(*columns, strict=True):
        yield dict(zip(keys, (import_id, *values), strict=True))


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: pandas' default dtype for text: ``str`` on pandas 3 (missing → NaN), ``object`` before.
_TEXT_DTYPE = pd.Series(["x"]).dtype


def _rows_label(products: pd.DataFrame, mask: pd.Series, column: str | None = None) -> Message:
    """The first five rows of ``mask`` (with their ``column`` value), comma-separated, and how
    many more."""
    bad = products[mask]
    labels: list[Message] = []
    for position, (_, record) in enumerate(bad.iterrows()):
        if position == 5:
            labels.append(Message("registry.problem.more_rows", n=len(bad) - 5))
            break
        label = (
            Message("registry.problem.a_row")
            if _is_missing(record["row"])
            else Message("registry.problem.at_row", row=record["row"])
        )
        if column:
            label = Message("registry.problem.row_value", row=label, value=repr(record[column]))
        labels.append(label)
    joined = labels[-1]
    for label in reversed(labels[:-1]):
        joined = Message("registry.problem.comma", first=label, rest=joined)
    return joined


def _product_problems(products: pd.DataFrame) -> list[Message]:
    """Why ``products`` break a table rule (those rules the database checks), each naming the
    rows."""
    problems = []
    for column in _REQUIRED:
        mask = products[column].isna()
        if mask.any():
            rows = _rows_label(products, mask)
            problems.append(Message("registry.problem.empty_in", column=column, rows=rows))
    for column, allowed in (("stars", STARS), ("method", METHODS)):
        mask = products[column].notna() & ~products[column].isin(allowed)
        if mask.any():
            choices = ", ".join(str(a) for a in allowed)
            rows = _rows_label(products, mask, column)
            problems.append(
                Message("registry.problem.one_of", column=column, choices=choices, rows=rows)
            )
    return problems


def _summary(row: Any) -> ImportSummary:
    return ImportSummary(**{f.name: getattr(row, f.name) for f in fields(ImportSummary)})


def _duplicate_message(existing: ImportSummary) -> Message:
    return Message(
        "store.import_taken",
        name=repr(existing.name),
        by=existing.imported_by,
        at=f"{existing.imported_at:%Y-%m-%d %H:%M}",
        file=existing.source_filename,
    )
