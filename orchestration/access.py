"""Who may see and do what: roles, their permissions, and the regions a county user may read.

The one place these rules live. The app asks it on every page, every query and every download;
the CLI uses it to check a role before writing it to the users file. Role codes and their Chinese
labels are `seeds/reference/roles.csv`.

- `office` (数据办) reviews, uploads, starts runs and sees everything, firm-level tables included.
- `leader` (领导) reads every page and region, except firm-level rows.
- `county:<region_code>` reads its own region and the regions below it, and the summaries of the
  regions above it (their own figures and targets, never a sibling county's). A generic group such
  as 各县区 under one of those regions addresses the county too, so it is readable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

ROLE_KINDS = ("office", "leader", "county")

# What each role may do beyond reading its regions. Pages and actions ask for one of these.
PERMISSIONS: dict[str, frozenset[str]] = {
    "office": frozenset({"all_regions", "firm_level", "review", "upload", "run", "audit",
                         "quality", "dispatch", "race"}),
    "leader": frozenset({"all_regions", "quality", "dispatch", "race"}),
    "county": frozenset(),
}


class RoleError(ValueError):
    """A role that is not `office`, `leader` or `county:<region_code>`."""


@dataclasses.dataclass(frozen=True)
class Role:
    kind: str
    region_code: str | None = None

    @classmethod
    def parse(cls, text: str, region_codes: Iterable[str] | None = None) -> Role:
        """`office`, `leader` or `county:<region_code>`; with `region_codes`, the code must be one."""
        kind, _, code = (text or "").strip().partition(":")
        if kind not in ROLE_KINDS:
            raise RoleError(f"未知角色 {text!r}:应为 office、leader 或 county:<地区代码>")
        if kind == "county":
            if not code:
                raise RoleError("县区角色须写明地区代码,如 county:341321")
            if region_codes is not None and code not in set(region_codes):
                raise RoleError(f"地区代码 {code} 不在参考数据 seeds/reference/regions.csv 中")
            return cls(kind, code)
        if code:
            raise RoleError(f"角色 {kind} 不带地区代码")
        return cls(kind)

    def __str__(self) -> str:
        return f"{self.kind}:{self.region_code}" if self.region_code else self.kind

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.kind]


@dataclasses.dataclass(frozen=True)
class User:
    name: str
    role: Role

    def can(self, permission: str) -> bool:
        return self.role.can(permission)


def visible_regions(role: Role, parents: Mapping[str, str | None], levels: Mapping[str, str]) -> frozenset[str] | None:
    """The region codes `role` may read; None means every region.

    `parents` maps each region code to its parent code, `levels` to its level (dim_region)."""
    if role.can("all_regions"):
        return None
    own = role.region_code
    if own not in parents:
        return frozenset()
    ancestors: set[str] = set()
    code = parents.get(own)
    while code and code not in ancestors:
        ancestors.add(code)
        code = parents.get(code)
    subtree, frontier = {own}, {own}
    while frontier:
        frontier = {c for c, p in parents.items() if p in frontier} - subtree
        subtree |= frontier
    groups = {c for c, p in parents.items() if levels.get(c) == "group" and p in ancestors}
    return frozenset(ancestors | subtree | groups)
