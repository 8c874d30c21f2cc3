"""Who may do what: viewers read, editors edit the checklists of their sites and the plan tasks
of their agencies, admins do all.

Anyone who has not logged in is :data:`VIEWER`. Pages ask :func:`can_edit`, :func:`can_write`
and :func:`can_admin` and never compare roles themselves. Those answers only decide what a page
draws: every write function checks again, inside its own transaction, with the account as it is
in the database then (:func:`ocop_geo.auth.guard.authorize`).

What each kind of write needs (:data:`WRITES`):

========== ===================================================================
registry   admin (an import replaces the product list every planner sees)
tours      editor or admin (save, replace, delete a saved tour)
candidates editor or admin (save, replace, delete a saved candidate set)
checklist  admin, or an editor assigned the site
plan       admin, or an editor of the task's lead agency (or of the site, for a point's part)
========== ===================================================================

:data:`OPERATOR` is whoever runs the command line on the server: it reaches the database with
the server's own credentials already, and acts as an admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "OPERATOR",
    "ROLES",
    "VIEWER",
    "WRITES",
    "User",
    "can_admin",
    "can_edit",
    "can_edit_task",
    "can_write",
]

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
    role_from
        Where ``role`` comes from, for the check at write time: ``"account"`` (the account row,
        read again), ``"config"`` (the ``[ocop_roles]`` table of an OIDC set-up; the sites are
        read again) or ``"operator"`` (:data:`OPERATOR`).
    """

    username: str
    display_name: str
    role: str
    sites: frozenset[str] = field(default_factory=frozenset)
    agencies: frozenset[str] = field(default_factory=frozenset)
    role_from: str = "account"

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
#: Whoever runs ``ocop-geo`` on the server (no account: the username breaks the account rule).
OPERATOR = User(username="@operator", display_name="operator", role="admin", role_from="operator")

#: What each kind of write needs: a role, ``"site"`` (admin, or an editor of that site) or
#: ``"agency"`` (:func:`can_edit_task`: admin, or an editor of the lead agency or of the site).
WRITES = {
    "registry": "admin",
    "tours": "editor",
    "candidates": "editor",
    "checklist": "site",
    "plan": "agency",
}


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


def can_write(
    user: User, what: str, site_id: str | None = None, *, lead: str | None = None
) -> bool:
    """True when ``user`` may make a write of kind ``what`` (a key of :data:`WRITES`), on
    ``site_id`` for the kinds tied to a site; a plan task (``"plan"``) is
    :func:`can_edit_task` with its ``lead`` agency.

    Raises
    ------
    KeyError
        ``what`` is not a kind of write (a programming error).
    """
    needs = WRITES[what]
    if needs == "agency":
        return lead is not None and can_edit_task(user, lead, site_id)
    if user.role == "admin":
        return True
    if needs == "site":
        return site_id is not None and can_edit(user, site_id)
    return needs == "editor" and user.role == "editor"
