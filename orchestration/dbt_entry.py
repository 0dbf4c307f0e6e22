"""`kpi-dbt`: dbt's own command line, with partial parsing that survives a change of build database.

Every warehouse location builds into its own file (KPI_BUILD_DATABASE), and dbt keys its partial
parse file (target/partial_parse.msgpack) on a hash of the profile's connection values, the
database *path* included. So each location, and every build after a `dbt parse` made with another
path, re-parsed the whole project from scratch (most of dbt's start-up here). The path is not seen
by any model, test or macro at parse time (only `target.schema` is, in generate_schema_name), so
this entry point leaves it out of that one hash; the database name (the file's basename, which
the relations carry) and every other connection value stay in it, and dbt's own checks of changed
files, vars and env vars are untouched. Everything else is `dbt` itself.
"""

from __future__ import annotations

import sys

# connection values no parse result depends on: the file a build writes into
PATH_ONLY_KEYS = ("path",)


def _profile_hash_ignores_the_database_path() -> None:
    from dbt.parser.manifest import ManifestLoader

    original = ManifestLoader.build_manifest_state_check
    if getattr(original, "_kpi_path_free", False):
        return

    def build_manifest_state_check(self):
        credentials = self.root_project.credentials
        connection_info = credentials.connection_info

        def without_path(*args, **kwargs):
            return ((key, value) for key, value in connection_info(*args, **kwargs) if key not in PATH_ONLY_KEYS)

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
