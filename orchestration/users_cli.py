"""`kpi users add|remove|passwd|list`: the app's users file (KPI_USERS), from the server's shell."""

from __future__ import annotations

import argparse
import csv
import getpass
import sys

from . import audit, users
from .access import RoleError
from .settings import SEEDS_DIR, Settings


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _region_codes() -> list[str]:
    with (SEEDS_DIR / "reference" / "regions.csv").open(encoding="utf-8") as handle:
        return [row["region_code"] for row in csv.DictReader(handle)]


def _new_password(given: str | None) -> tuple[str, bool]:
    """The password given, typed twice at a terminal, or generated; True when it must be printed."""
    if given:
        return given, False
    if sys.stdin.isatty():
        first = getpass.getpass("新密码: ")
        if first != getpass.getpass("再输入一次: "):
            raise users.UsersError("两次输入的密码不一致")
        return first, False
    return users.generate_password(), True


def cmd_add(args: argparse.Namespace, settings: Settings) -> None:
    password, show = _new_password(args.password)
    user = users.add(settings.users, args.name, args.role, password, _region_codes())
    audit.record(settings.audit_log, _actor(), "user_added", subject=user.name, detail=str(user.role))
    print(f"added {user.name} ({user.role})" + (f"; password (shown once): {password}" if show else ""))


def cmd_remove(args: argparse.Namespace, settings: Settings) -> None:
    users.remove(settings.users, args.name)
    audit.record(settings.audit_log, _actor(), "user_removed", subject=args.name)
    print(f"removed {args.name}")


def cmd_passwd(args: argparse.Namespace, settings: Settings) -> None:
    password, show = _new_password(args.password)
    users.set_password(settings.users, args.name, password)
    audit.record(settings.audit_log, _actor(), "password_changed", subject=args.name)
    print(f"password of {args.name} changed" + (f" (shown once): {password}" if show else ""))


def cmd_list(args: argparse.Namespace, settings: Settings) -> None:
    for entry in users.load(settings.users).values():
        print(f"{entry['name']}\t{entry['role']}\tchanged {entry['changed_at']}")


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    try:
        args.users_func(args, settings)
    except (users.UsersError, RoleError) as exc:
        print(f"kpi users: {exc}", file=sys.stderr)
        return 1
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("users", help="manage the app's users (KPI_USERS)")
    parser.set_defaults(func=run)
    commands = parser.add_subparsers(dest="users_command", required=True)
    add = commands.add_parser("add", help="add a user: --role office | leader | county:<region_code>")
    add.add_argument("name")
    add.add_argument("--role", required=True)
    add.add_argument("--password", help="(default: typed at the terminal, or generated and printed once)")
    add.set_defaults(users_func=cmd_add)
    remove = commands.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    remove.set_defaults(users_func=cmd_remove)
    passwd = commands.add_parser("passwd", help="set a user's password")
    passwd.add_argument("name")
    passwd.add_argument("--password", help="(default: typed at the terminal, or generated and printed once)")
    passwd.set_defaults(users_func=cmd_passwd)
    listing = commands.add_parser("list", help="list users and roles (never passwords)")
    listing.set_defaults(users_func=cmd_list)
