"""The dbt project as Dagster sees it (kept in its own module, as dagster-dbt recommends)."""

from dagster_dbt import DbtProject

from . import settings

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


def prepare_manifest() -> bool:
    """Parse the dbt project (target/manifest.json) unless the manifest is newer than every
    project file; needed outside `dagster dev`. Returns True when it parsed."""
    manifest = dbt_project.manifest_path
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = (p for p in settings.DBT_PROJECT_DIR.rglob("*")
                   if p.is_file() and not p.relative_to(settings.DBT_PROJECT_DIR).parts[0] in ("target", "logs"))
        if all(p.stat().st_mtime < built for p in sources):
            return False
    dbt_project.preparer.prepare(dbt_project)
    return True
