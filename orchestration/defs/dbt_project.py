"""The dbt project as Dagster sees it (kept in its own module, as dagster-dbt recommends)."""

import os
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from ..settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


class KpiDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without two costs this project does not use, paid per invocation:

    - the version of the dbt executable is the dbt-core installed beside us (`kpi-dbt` and `dbt`
      are this venv's), not asked of a `dbt --version` subprocess (a Python start-up and dbt's
      imports, seconds per build);
    - no in-process dbt adapter: dagster-dbt builds one (loading the profile and every macro)
      only to fetch row counts or column metadata, which these assets do not fetch (and which
      would hold the build file open in this process: STACK_NOTES).
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        from dbt.version import __version__

        return version.parse(__version__)

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource(dbt_executable: str) -> KpiDbtCliResource:
    return KpiDbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable)


def prepare_manifest(dbt_executable: str) -> bool:
    """Parse the dbt project (target/manifest.json) unless the manifest is newer than every
    project file; needed outside `dagster dev`. Returns True when it parsed.

    The parse also leaves target/partial_parse.msgpack, which every build's dbt starts from; a
    stamp records that this executable wrote it (a plain `dbt` keys it on the database path, and
    then every build would parse from scratch)."""
    manifest = dbt_project.manifest_path
    stamp, partial = manifest.with_name(".parsed-by"), manifest.with_name("partial_parse.msgpack")
    written_by = _stamp_text(dbt_executable)
    ours = (stamp.exists() and partial.exists() and stamp.stat().st_mtime >= partial.stat().st_mtime
            and stamp.read_text(encoding="utf-8") == written_by)
    if manifest.exists() and ours:
        built = manifest.stat().st_mtime
        if all(p.stat().st_mtime < built for p in _project_files()):
            return False
    # what dagster-dbt's preparer does, with the dbt of our venv whether or not it is on PATH
    dbt_resource(dbt_executable).cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()
    stamp.write_text(written_by, encoding="utf-8")
    return True


def _project_files():
    """Every file of the dbt project but its outputs. target/ and logs/ are not walked at all:
    target/ holds the last builds' folders (a thousand files each), ~1 s of stat calls a run."""
    for folder, subfolders, files in os.walk(DBT_PROJECT_DIR):
        if folder == str(DBT_PROJECT_DIR):
            subfolders[:] = [d for d in subfolders if d not in ("target", "logs")]
        for name in files:
            yield Path(folder, name)


def _stamp_text(dbt_executable: str) -> str:
    """The executable that wrote the partial parse file, and (kpi-dbt) on which profile hash."""
    from ..dbt_entry import PROFILE_HASH_SCHEME

    name = Path(dbt_executable).name
    return f"{name}: {PROFILE_HASH_SCHEME}" if name == "kpi-dbt" else name
