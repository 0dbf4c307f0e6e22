"""`kpi-dbt`: dbt's own command line, with partial parsing that survives a change of build database.

Every warehouse location builds into its own file (KPI_BUILD_DATABASE), and dbt keys its partial
parse file (target/partial_parse.msgpack) on a hash of the profile's connection values, the
database *path* included, and the path of the database it attaches (the firm-level file beside
it, attached as `firm`). So each location, and every build after a `dbt parse` made with another
location, re-parsed the whole project from scratch (~4 s, most of dbt's start-up here). No path
is seen by any model, test or macro at parse time (only `target.schema` and `target.type` are),
so this entry point leaves them out of that one hash; the database name (the file's basename,
which the relations carry), each attachment's alias and options, and every other connection value
stay in it, and dbt's own checks of changed files, vars and env vars are untouched. Everything
else is `dbt` itself.
"""

from __future__ import annotations

import sys

# connection values no parse result depends on: the file a build writes into, and the path of
# each attached file (its alias, which the models use, stays)
PATH_ONLY_KEYS = ("path",)
ATTACH_KEY, ATTACH_PATH_KEY = "attach", "path"
# which profile hash a partial parse file written by this entry point was keyed on: a file keyed
# on an earlier one (attached paths included) is of no use to a build elsewhere, so the next
# `prepare_manifest` parses again (orchestration/defs/dbt_project.py)
PROFILE_HASH_SCHEME = "connection values without database paths, attached ones included"


def _without_paths(items):
    for key, value in items:
        if key in PATH_ONLY_KEYS:
            continue
        if key == ATTACH_KEY and isinstance(value, list):
            value = [{k: v for k, v in a.items() if k != ATTACH_PATH_KEY} if isinstance(a, dict) else a
                     for a in value]
        yield key, value


def _profile_hash_ignores_the_database_path() -> None:
    from dbt.parser.manifest import ManifestLoader

    original = ManifestLoader.build_manifest_state_check
    if getattr(original, "_kpi_path_free", False):
        return

    def build_manifest_state_check(self):
        credentials = self.root_project.credentials
        connection_info = credentials.connection_info

        def without_path(*args, **kwargs):
            return _without_paths(connection_info(*args, **kwargs))

        object.__setattr__(credentials, "connection_info", without_path)
        try:
            return original(self)
        finally:
            object.__delattr__(credentials, "connection_info")

    build_manifest_state_check._kpi_path_free = True
    ManifestLoader.build_manifest_state_check = build_manifest_state_check


def main() -> int:
    _profile_hash_ignores_the_database_path()
    from dbt.cli.main import cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
