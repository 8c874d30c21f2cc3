"""``ocop-geo users …``: accounts, roles and site assignments from the command line.

Registered by :mod:`ocop_geo.cli.entry`; SQLAlchemy, argon2 and the catalogue load when a command
runs. A new password is read without echo (asked twice), from the first line of standard input
with ``--password-stdin``, or from ``OCOP_NEW_PASSWORD`` for scripts — never from the arguments,
which other users of the machine can see.

Exit codes: 0 success; 1 the database or the committed data has problems; 2 usage errors (a
username, e-mail or password that breaks its rule, an unknown user or site id, a taken name).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ocop_geo.auth.permissions import ROLES
from ocop_geo.database.command import StoreAction, store_command

if TYPE_CHECKING:
    from ocop_geo.auth.users import Account
    from ocop_geo.database.store import Store

#: Environment variable that gives ``users add`` the new password (scripts and tests).
PASSWORD_ENV = "OCOP_NEW_PASSWORD"  # noqa: S105 - the name of a variable, not a password

EPILOG = (
    "roles: viewer reads (as anyone without an account does), editor edits the checklists of "
    "the sites assigned to them and the plan tasks their agencies lead (assign-agency), admin "
    "manages users and every site. Passwords: at least 10 characters, not the username. After 3 "
    "failed log-ins in a row each attempt on that name waits longer (1 s, doubled each time, at "
    "most 60 s) and is then checked: nobody is locked out; `users unlock` clears the count. "
    "Exit codes: "
    "1 the database or the committed data has problems; 2 a bad username, e-mail or password, "
    "an unknown user or site id, a name taken already"
)


def add_users_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    agency_ids: Callable[[], set[str]] | None = None,
) -> None:
    """Add ``users add|list|set-role|set-password|unlock|assign|unassign|assign-agency|
    unassign-agency`` to the ``ocop-geo`` sub-commands; ``agency_ids`` gives the known agency ids
    (the entry point passes the plan's, so this package does not import the plan package, which
    builds on it)."""
    users = sub.add_parser(
        "users", help="accounts, roles and site assignments (OCOP_DATABASE_URL)", epilog=EPILOG
    )
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser(
        "add",
        help=f"create an account; the password is asked for (or read from {PASSWORD_ENV})",
        epilog=EPILOG,
    )
    add.add_argument("username", help="2–120 characters: a-z 0-9 . _ @ + - (lower-cased)")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--name", help="name shown in the app (default: the username)")
    add.add_argument("--email", help="e-mail address (unique)")
    add.add_argument(
        "--oidc",
        action="store_true",
        help="no password: the person logs in through the OIDC provider; USERNAME is the e-mail",
    )
    _password_stdin(add)
    add.set_defaults(func=_users_command(_add))
    password = users_sub.add_parser(
        "set-password",
        help=f"give an account a new password (asked for, or read from stdin or {PASSWORD_ENV})",
        epilog=EPILOG,
    )
    password.add_argument("username")
    _password_stdin(password)
    password.set_defaults(func=_users_command(_set_password))
    unlock = users_sub.add_parser(
        "unlock", help="forget an account's failed log-ins: its next attempt is checked at once"
    )
    unlock.add_argument("username")
    unlock.set_defaults(func=_users_command(_unlock))
    users_sub.add_parser("list", help="every account, tab-separated").set_defaults(
        func=_users_command(_list)
    )
    role = users_sub.add_parser("set-role", help="change an account's role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(func=_users_command(_set_role))
    for name, verb, func in (("assign", "let", _assign), ("unassign", "stop", _unassign)):
        part = users_sub.add_parser(
            name, help=f"{verb} an editor edit the checklists of sites (ids of geo/sites.geojson)"
        )
        part.add_argument("username")
        part.add_argument("site_ids", nargs="+", metavar="SITE_ID")
        part.set_defaults(func=_users_command(func))
    for name, verb, func in (
        ("assign-agency", "let", _assign_agency),
        ("unassign-agency", "stop", _unassign_agency),
    ):
        part = users_sub.add_parser(
            name, help=f"{verb} an editor update the plan tasks agencies lead (ids of agencies.csv)"
        )
        part.add_argument("username")
        part.add_argument("agency_ids", nargs="+", metavar="AGENCY_ID")
        part.set_defaults(func=_users_command(func), known_agencies=agency_ids or set)


def _password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new password from the first line of standard input",
    )


def _auth_errors() -> tuple[type[Exception], ...]:
    from ocop_geo.auth.users import AuthError

    return (AuthError,)


def _users_command(action: StoreAction) -> Callable[[argparse.Namespace], int]:
    """Run ``action`` on the migrated database; a refused user name, role or password exits 2."""
    return store_command(action, usage_errors=_auth_errors)


def _add(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import add_user

    password = None if args.oidc else _new_password(args.username, stdin=args.password_stdin)
    user = add_user(
        store,
        args.username,
        role=args.role,
        password=password,
        display_name=args.name,
        email=args.email,
    )
    how = "logs in through OIDC" if args.oidc else "password set"
    return f"added {user.username} ({user.role}, {how})"


def _list(store: Store, _args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import list_users

    lines = ["username\trole\tname\temail\tlog-in\tsites\tagencies\tstatus"]
    for account in list_users(store):
        status = f"{account.failed_logins} failed log-in(s)" if account.failed_logins else "ok"
        if account.wait_seconds:
            status += f", next attempt waits {account.wait_seconds:.0f} s"
        lines.append(
            "\t".join(
                (
                    account.username,
                    account.role,
                    account.display_name,
                    account.email or "-",
                    "password" if account.has_password else "oidc",
                    ",".join(sorted(account.sites)) or "-",
                    ",".join(sorted(account.agencies)) or "-",
                    status,
                )
            )
        )
    return "\n".join(lines)


def _set_role(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import normalise_username, set_role

    set_role(store, args.username, args.role)
    return f"{normalise_username(args.username)} is now {args.role}"


def _set_password(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import normalise_username, set_password

    name = normalise_username(args.username)
    set_password(store, name, _new_password(name, stdin=args.password_stdin))
    return f"new password set for {name}; its failed log-ins are forgotten"


def _unlock(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import normalise_username, unlock

    count = unlock(store, args.username)
    name = normalise_username(args.username)
    if not count:
        return f"{name} had no failed log-ins"
    return f"{name}: {count} failed log-in(s) forgotten; the next attempt is checked at once"


def _assign(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import assign, get_account
    from ocop_geo.config import Settings
    from ocop_geo.layers.catalog import read_layer
    from ocop_geo.layers.schema import SITES
    from ocop_geo.layers.validate import DataError

    # The sites layer itself, not readiness.report.load_sites: readiness imports auth (every
    # checklist write checks the account), so auth may not import readiness.
    frame, problems = read_layer(SITES, SITES.path(Settings.from_env().geo_dir))
    if frame is None:
        raise DataError(problems)
    known = {str(i) for i in frame.index}
    assign(store, args.username, args.site_ids, known_sites=known)
    return _sites_report(get_account(store, args.username))


def _unassign(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import get_account, unassign

    unassign(store, args.username, args.site_ids)
    return _sites_report(get_account(store, args.username))


def _assign_agency(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import assign_agencies, get_account

    known = args.known_agencies()
    assign_agencies(store, args.username, args.agency_ids, known_agencies=known)
    return _agencies_report(get_account(store, args.username))


def _unassign_agency(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.users import get_account, unassign_agencies

    unassign_agencies(store, args.username, args.agency_ids)
    return _agencies_report(get_account(store, args.username))


def _agencies_report(account: Account | None) -> str:
    if account is None:
        return "done"
    agencies = ", ".join(sorted(account.agencies)) or "none"
    return f"{account.username} works for: {agencies}"


def _sites_report(account: Account | None) -> str:
    if account is None:  # removed by someone else meanwhile
        return "done"
    sites = ", ".join(sorted(account.sites)) or "none"
    note = {"viewer": " (sites count for editors only)", "admin": " (admins edit every site)"}
    return f"{account.username} is assigned: {sites}{note.get(account.role, '')}"


def _new_password(username: str, *, stdin: bool = False) -> str:
    """The new password: with ``stdin`` the first line of standard input (without its line
    end), else ``OCOP_NEW_PASSWORD`` if set, else typed twice without echo.

    Raises
    ------
    AuthError
        Standard input is empty, the two typed passwords differ, or there is no terminal to
        type one (and no variable).
    """
    from ocop_geo.auth.users import AuthError
    from ocop_geo.i18n import Message

    if stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise AuthError(Message("auth.error.stdin_empty"))
        return line
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    try:
        first = getpass.getpass(f"new password for {username}: ")
        second = getpass.getpass("the same password again: ")
    except (EOFError, OSError) as error:
        raise AuthError(Message("auth.error.no_password", variable=PASSWORD_ENV)) from error
    if first != second:
        raise AuthError(Message("auth.error.passwords_differ"))
    return first
