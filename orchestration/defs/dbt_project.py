"""The dbt project as Dagster sees it (kept in its own module, as dagster-dbt recommends)."""

from dagster_dbt import DbtCliResource, DbtProject

from ..settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


def prepare_manifest(dbt_executable: str) -> bool:
    """Parse the dbt project (target/manifest.json) unless the manifest is newer than every
    project file; needed outside `dagster dev`. Returns True when it parsed."""
    manifest = dbt_project.manifest_path
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = (p for p in DBT_PROJECT_DIR.rglob("*")
                   if p.is_file() and not p.relative_to(DBT_PROJECT_DIR).parts[0] in ("target", "logs"))
        if all(p.stat().st_mtime < built for p in sources):
            return False
    # what dagster-dbt's preparer does, with the dbt of our venv whether or not it is on PATH
    dbt = DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable)
    dbt.cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()
    return True
