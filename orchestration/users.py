"""The users file: names, roles and bcrypt password hashes, outside git (KPI_USERS).

Managed by `kpi users add|remove|passwd|list`; read by the app's login page. Written whole to a
temporary file and renamed (a reader never sees half a file), under an exclusive lock (two
commands never lose each other's change), readable by its owner only.

Failed logins are rate-limited from the audit trail: after MAX_FAILURES failures within
LOCKOUT, the name is refused until the window has passed, whatever the password.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

import bcrypt

from . import audit
from .access import Role, User

MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
ADMIN_NAME = "admin"
# checked against when the name is unknown, so a wrong name costs as long as a wrong password
_DUMMY_HASH = bcrypt.hashpw(b"not a password", bcrypt.gensalt(rounds=4))


class UsersError(ValueError):
    """A user command that cannot be done (unknown name, weak password, bad role)."""


class LockedOut(Exception):
    """Too many failed logins for this name: wait LOCKOUT."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def load(path: Path) -> dict[str, dict]:
    """name -> {role, password_hash, created_at, changed_at}; empty when there is no file yet."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in data.get("users", [])}


@contextlib.contextmanager
def _editing(path: Path) -> Iterator[dict[str, dict]]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock_fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        users = load(path)
        yield users
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"users": [users[name] for name in sorted(users)]}, handle, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    finally:
        os.close(lock_fd)


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsersError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def add(path: Path, name: str, role: str, password: str, region_codes: Iterable[str] | None = None) -> User:
    name = name.strip()
    if not name or any(c.isspace() for c in name) or ":" in name:
        raise UsersError("用户名不能为空,不能含空格或冒号")
    parsed = Role.parse(role, region_codes)
    with _editing(path) as users:
        if name in users:
            raise UsersError(f"用户 {name} 已存在;改密码用 kpi users passwd {name}")
        users[name] = {"name": name, "role": str(parsed), "password_hash": _hash(password),
                       "created_at": _now(), "changed_at": _now()}
    return User(name, parsed)


def remove(path: Path, name: str) -> None:
    with _editing(path) as users:
        if name not in users:
            raise UsersError(f"没有用户 {name}")
        del users[name]


def set_password(path: Path, name: str, password: str) -> None:
    with _editing(path) as users:
        if name not in users:
            raise UsersError(f"没有用户 {name}")
        users[name] = {**users[name], "password_hash": _hash(password), "changed_at": _now()}


def has_office_user(path: Path) -> bool:
    return any(entry["role"] == "office" for entry in load(path).values())


def ensure_admin(path: Path) -> str | None:
    """Create the data office's `admin` with a generated password when no office user exists yet;
    returns that password (to be printed once) or None when there was nothing to do."""
    if has_office_user(path):
        return None
    password = generate_password()
    with _editing(path) as users:
        if any(entry["role"] == "office" for entry in users.values()):
            return None
        users[ADMIN_NAME] = {"name": ADMIN_NAME, "role": "office", "password_hash": _hash(password),
                             "created_at": _now(), "changed_at": _now()}
    return password


def authenticate(path: Path, audit_log: Path, name: str, password: str) -> User | None:
    """The user when name and password match; None otherwise. Every attempt is audited.
    Raises LockedOut after MAX_FAILURES failures within LOCKOUT (the password is not checked)."""
    name = (name or "").strip()
    if audit.recent_failures(audit_log, name, LOCKOUT) >= MAX_FAILURES:
        audit.record(audit_log, name, "login_locked")
        raise LockedOut(name)
    entry = load(path).get(name)
    stored = entry["password_hash"].encode("ascii") if entry else _DUMMY_HASH
    matches = bcrypt.checkpw((password or "").encode("utf-8"), stored)
    if not (entry and matches):
        audit.record(audit_log, name, "login_failure")
        return None
    user = User(name, Role.parse(entry["role"]))
    audit.record(audit_log, name, "login_success", role=str(user.role))
    return user
