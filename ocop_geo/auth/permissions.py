"""Who may do what: viewers read, editors edit the checklists of their sites and the plan tasks
of their agencies, admins do all.

Anyone who has not logged in is :data:`VIEWER`. Pages ask :func:`can_edit` and :func:`can_admin`
and never compare roles themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ROLES", "VIEWER", "User", "can_admin", "can_edit", "can_edit_task"]

#: The roles, least rights first.
ROLES = ("viewer", "editor", "admin")


@dataclass(frozen=True)
class User:
    """A logged-in person (or :data:`VIEWER`, the anonymous one).

    Attributes
    ----------
    username
        Lower-case login name; an e-mail address for OIDC users; ``""`` for :data:`VIEWER`.
    display_name
        The name shown in the app.
    role
        One of :data:`ROLES`.
    sites
        The site ids (geo/sites.geojson) an editor may edit; ignored for the other roles.
    agencies
        The agency ids (data/agencies.csv) an editor works for; ignored for the other roles.
    """

    username: str
    display_name: str
    role: str
    sites: frozenset[str] = field(default_factory=frozenset)
    agencies: frozenset[str] = field(default_factory=frozenset)

    @property
    def signature(self) -> str:
        """How a write is signed in the audit log: the display name and, when it differs, the
        username (``Nguyễn Thị Lan (lan)``)."""
        name = self.display_name.strip()
        return f"{name} ({self.username})" if name and name != self.username else self.username

    @property
    def is_anonymous(self) -> bool:
        """True for :data:`VIEWER` (nobody logged in)."""
        return not self.username


#: The anonymous user: may read everything, edit nothing.
VIEWER = User(username="", display_name="", role="viewer")


def can_edit(user: User, site_id: str) -> bool:
    """True when ``user`` may edit the checklist of ``site_id``: admins every site, editors
    their assigned sites, viewers none."""
    if user.role == "admin":
        return True
    return user.role == "editor" and site_id in user.sites


def can_edit_task(user: User, lead: str, site_id: str | None = None) -> bool:
    """True when ``user`` may update a plan task led by agency ``lead`` (at ``site_id``, for a
    task carried out at each pilot point): admins always; editors who work for the lead agency,
    or who edit ``site_id``'s checklist (a point's part of tasks 5–9 is its milestone)."""
    if user.role == "admin":
        return True
    if user.role != "editor":
        return False
    return lead in user.agencies or (site_id is not None and site_id in user.sites)


def can_admin(user: User) -> bool:
    """True when ``user`` may manage users, roles and every site (admins only)."""
    return user.role == "admin"
