"""The dbt project as Dagster sees it (kept in its own module, as dagster-dbt recommends)."""

from dagster_dbt import DbtProject

from . import settings

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


def prepare_manifest() -> None:
    """Parse the dbt project (writes target/manifest.json); needed outside `dagster dev`."""
    dbt_project.preparer.prepare(dbt_project)
