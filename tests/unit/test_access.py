"""Roles, the regions a county user reads, the users file, the lockout and the audit trail."""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing
import stat
import subprocess
import sys

import pytest

from orchestration import audit, users
from orchestration.access import Role, RoleError, visible_regions
from orchestration.settings import PROJECT_ROOT, SEEDS_DIR


def _regions():
    with (SEEDS_DIR / "reference" / "regions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return ({r["region_code"]: r["parent_code"] or None for r in rows}, {r["region_code"]: r["level"] for r in rows})


@pytest.mark.parametrize("text, role", [("office", Role("office")), ("leader", Role("leader")),
                                        ("county:341322", Role("county", "341322"))])
def test_roles_parse(text, role):
    assert Role.parse(text, _regions()[0]) == role
    assert str(role) == text


@pytest.mark.parametrize("text", ["admin", "county", "county:999999", "office:340000", ""])
def test_bad_roles_are_refused_in_chinese(text):
    with pytest.raises(RoleError, match="角色|地区代码"):
        Role.parse(text, _regions()[0])


def test_a_county_reads_its_region_below_and_above_never_a_sibling():
    parents, levels = _regions()
    visible = visible_regions(Role("county", "341322"), parents, levels)  # 萧县, under 宿州 341300
    assert {"341322", "341300", "340000"} <= visible
    assert "341389" in visible and "340089" in visible  # 各县区 of 宿州, 每个县(市) of Anhui address it too
    siblings = {code for code, parent in parents.items() if parent == "341300" and levels[code] == "county"} - {"341322"}
    assert siblings and not siblings & visible
    assert "340100" not in visible  # another city
    assert visible_regions(Role("leader"), parents, levels) is None
    assert visible_regions(Role("office"), parents, levels) is None
    assert visible_regions(Role("county", "000000"), parents, levels) == frozenset()


def test_permissions_by_role():
    assert Role("office").can("review") and Role("office").can("firm_level") and Role("office").can("audit")
    assert Role("leader").can("quality") and not Role("leader").can("review") and not Role("leader").can("firm_level")
    assert not any(Role("county", "341322").can(p) for p in ("review", "upload", "run", "quality", "race", "all_regions"))


def test_the_users_file_holds_hashes_owner_only(tmp_path):
    path, log = tmp_path / "users.json", tmp_path / "audit.jsonl"
    users.add(path, "张工", "office", "correct horse 1")
    users.add(path, "xiao", "county:341322", "battery staple", _regions()[0])
    text = path.read_text(encoding="utf-8")
    assert "correct horse" not in text and "$2b$" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert users.authenticate(path, log, "张工", "correct horse 1").role == Role("office")
    assert users.authenticate(path, log, "张工", "wrong password") is None
    assert users.authenticate(path, log, "nobody", "correct horse 1") is None
    users.set_password(path, "张工", "a new password")
    assert users.authenticate(path, log, "张工", "correct horse 1") is None
    assert users.authenticate(path, log, "张工", "a new password")
    users.remove(path, "xiao")
    assert set(users.load(path)) == {"张工"}
    with pytest.raises(users.UsersError, match="至少"):
        users.add(path, "short", "leader", "123")
    with pytest.raises(users.UsersError, match="已存在"):
        users.add(path, "张工", "leader", "another password")
    actions = [(e["actor"], e["action"]) for e in audit.read(log)]
    assert ("张工", "login_failure") in actions and ("nobody", "login_failure") in actions
    assert "correct horse" not in log.read_text(encoding="utf-8")


def test_failed_logins_lock_the_name_for_a_while(tmp_path):
    path, log = tmp_path / "users.json", tmp_path / "audit.jsonl"
    users.add(path, "leader1", "leader", "the right one")
    for _ in range(users.MAX_FAILURES):
        assert users.authenticate(path, log, "leader1", "guess") is None
    with pytest.raises(users.LockedOut):
        users.authenticate(path, log, "leader1", "the right one")  # even the right password
    later = dt.datetime.now(dt.timezone.utc) + users.LOCKOUT + dt.timedelta(seconds=1)
    assert audit.recent_failures(log, "leader1", users.LOCKOUT, now=later) == 0
    assert audit.read(log)[-1]["action"] == "login_locked"


def test_a_success_resets_the_failure_count(tmp_path):
    path, log = tmp_path / "users.json", tmp_path / "audit.jsonl"
    users.add(path, "u1", "leader", "the right one")
    for _ in range(users.MAX_FAILURES - 1):
        users.authenticate(path, log, "u1", "guess")
    assert users.authenticate(path, log, "u1", "the right one")
    assert audit.recent_failures(log, "u1", users.LOCKOUT) == 0


def test_the_first_admin_is_created_once(tmp_path):
    path = tmp_path / "users.json"
    password = users.ensure_admin(path)
    assert password and len(password) >= users.MIN_PASSWORD_LENGTH
    assert users.ensure_admin(path) is None
    assert users.authenticate(path, tmp_path / "a.jsonl", users.ADMIN_NAME, password).role == Role("office")


def _add_many(path, prefix):
    for i in range(5):
        users.add(path, f"{prefix}{i}", "leader", "long enough password")


def test_concurrent_commands_never_lose_a_user(tmp_path):
    path = tmp_path / "users.json"
    processes = [multiprocessing.Process(target=_add_many, args=(path, p)) for p in ("a", "b")]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert len(users.load(path)) == 10


def test_audit_skips_torn_lines_and_refuses_unknown_actions(tmp_path):
    log = tmp_path / "audit.jsonl"
    audit.record(log, "张工", "review", subject="X:1", detail="accept")
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"at": "2026-01-01T00:00:00+00:00", "act')
    assert [e["action"] for e in audit.read(log)] == ["review"]
    with pytest.raises(ValueError):
        audit.record(log, "张工", "drop_tables")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_kpi_users_cli(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "KPI_USERS": str(tmp_path / "users.json"),
           "KPI_WAREHOUSE": str(tmp_path / "warehouse.duckdb")}

    def kpi(*args):
        return subprocess.run([sys.executable, "-m", "orchestration.cli", "users", *args], cwd=PROJECT_ROOT,
                              env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)

    added = kpi("add", "xiao", "--role", "county:341322")
    assert added.returncode == 0, added.stderr
    password = added.stdout.rsplit(" ", 1)[-1].strip()  # generated, printed this once
    assert users.authenticate(tmp_path / "users.json", tmp_path / "a.jsonl", "xiao", password)
    assert kpi("add", "bad", "--role", "county:999999", "--password", "long enough 1").returncode == 1
    listed = kpi("list")
    assert "xiao\tcounty:341322" in listed.stdout and password not in listed.stdout
    assert kpi("passwd", "xiao", "--password", "another long one").returncode == 0
    assert kpi("remove", "xiao").returncode == 0 and kpi("remove", "xiao").returncode == 1
    events = [json.loads(line) for line in (tmp_path / "audit" / "audit_log.jsonl").read_text().splitlines()]
    assert [e["action"] for e in events] == ["user_added", "password_changed", "user_removed"]
    assert password not in (tmp_path / "audit" / "audit_log.jsonl").read_text()
