"""Schedules and the inbox sensor: when the warehouse is rebuilt without anyone asking."""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from ..ingest import inbox
from .resources import SettingsParam

build_warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Load every input, run dbt and the quality checks, publish the warehouse.",
    executor_def=dg.in_process_executor,  # one DuckDB writer; the graph is small
)

daily_rebuild = dg.ScheduleDefinition(
    name="daily_rebuild",
    job=build_warehouse_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild every morning so target progress is judged at today's date.",
)


ACTIVE_RUN_STATUSES = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED,
                       dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]


@dg.sensor(job=build_warehouse_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts a build when new files appear in the inbox (KPI_INBOX).")
def inbox_sensor(context: dg.SensorEvaluationContext, settings: SettingsParam):
    waiting = inbox.waiting(settings.inbox)  # the same listing the build files away
    if not waiting:
        return dg.SkipReason("the inbox is empty")
    active = context.instance.get_run_records(
        dg.RunsFilter(job_name=build_warehouse_job.name, statuses=ACTIVE_RUN_STATUSES), limit=1)
    if active:
        # the running build files the inbox away as it goes; look again when it has finished
        return dg.SkipReason(f"build {active[0].dagster_run.run_id} is still running")
    fingerprint = hashlib.sha256(json.dumps(waiting, sort_keys=True).encode()).hexdigest()[:16]
    if context.cursor == fingerprint:
        return dg.SkipReason("these inbox files were already submitted for a build")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=f"inbox-{fingerprint}", tags={"trigger": "inbox", "files": ", ".join(waiting)[:1000]})
