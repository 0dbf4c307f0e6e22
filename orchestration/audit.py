"""The audit trail: who did what and when, one JSON line per event, appended and never rewritten.

Logins (success and failure), reviews, uploads, runs started, user changes and downloads of
firm-level data are recorded by the app and the CLI. Each build copies the file into
`meta.audit_log`, so analysts can query it; the data-quality page reads the file itself, so an
event shows before the next build. Passwords never reach it: callers pass names and decisions only.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import json
import os
from pathlib import Path

from .settings import SEEDS_DIR

COLUMNS = ("at", "actor", "role", "action", "subject", "detail")

def _actions() -> tuple[str, ...]:
    with (SEEDS_DIR / "reference" / "audit_actions.csv").open(encoding="utf-8") as handle:
        return tuple(row["action"] for row in csv.DictReader(handle))


ACTIONS = _actions()  # the codes, with their Chinese labels, are seeds/reference/audit_actions.csv


def record(path: Path, actor: str, action: str, *, role: str = "", subject: str = "", detail: str = "") -> dict:
    """Append one event (owner-only file, an exclusive lock so concurrent writers never interleave)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "actor": actor,
             "role": role, "action": action, "subject": subject, "detail": detail}
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(json.dumps(event, ensure_ascii=False) + "\n")
    return event


def read(path: Path) -> list[dict]:
    """Every event, oldest first; a torn or foreign line is skipped, not fatal."""
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(event, dict):
            events.append({column: str(event.get(column) or "") for column in COLUMNS})
    return events


def recent_failures(path: Path, actor: str, within: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Failed logins of `actor` within the window since the last success (the login rate limit)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    count = 0
    for event in read(path):
        if event["actor"] != actor:
            continue
        if event["action"] == "login_success":
            count = 0
        elif event["action"] == "login_failure" and now - dt.datetime.fromisoformat(event["at"]) <= within:
            count += 1
    return count
