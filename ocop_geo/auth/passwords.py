"""Password hashing (argon2id, argon2-cffi's RFC 9106 "low memory" defaults) and the password rule.

Every hash carries its own random salt and parameters (PHC string ``$argon2id$v=19$m=…``), so
the same password hashes differently each time and old hashes keep verifying after the
parameters change (:func:`needs_rehash` says when to store a new one).

The rule: at least :data:`MIN_LENGTH` (10) characters, at most :data:`MAX_LENGTH` (1024, so that
hashing stays cheap), and not the username or e-mail address (compared case-insensitively).
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ocop_geo.i18n import Message, MessageError

__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "PasswordError",
    "check_password",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

#: Fewest characters a password may have.
MIN_LENGTH = 10
#: Most characters a password may have.
MAX_LENGTH = 1024

_HASHER = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4, 16-byte salt, 32-byte hash


class PasswordError(MessageError, ValueError):
    """A new password breaks the password rule (the message says which part)."""


def check_password(password: str, *, username: str, email: str | None = None) -> None:
    """Check a new password against the rule.

    Raises
    ------
    PasswordError
        Shorter than :data:`MIN_LENGTH` or longer than :data:`MAX_LENGTH` characters, or equal
        to the username or e-mail address.
    """
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise PasswordError(Message("auth.error.password_short", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise PasswordError(Message("auth.error.password_long", n=MAX_LENGTH))
    folded = password.strip().casefold()
    if folded in {username.casefold(), (email or "").casefold()}:
        raise PasswordError(Message("auth.error.password_name"))


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (a PHC string with a fresh random salt)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``.

    A missing or malformed hash verifies nothing, but costs the same time as a real one, so the
    answer's timing does not tell an existing account from a missing one.
    """
    if not stored_hash:
        _verify(_dummy_hash(), password)
        return False
    return _verify(stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    """True when ``stored_hash`` was made with other parameters than today's (store a new one)."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def _verify(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _HASHER.hash("not a password: equalises the timing of unknown accounts")
