"""Every SQL statement the app runs, each a small function over data.query (cached per publish).

Dimensions and the target facts are small, and pages load them whole (once per publish). The
figures grow with history (every vintage of every series), so they are fetched only for what a
page shows: one series, one observation, or counts.

Every function that returns rows of regions returns only the regions the signed-in user may read
(`scoped`, by orchestration.access): pages, downloads and URL parameters all go through here,
so a county user never receives another county's rows. Signed out, nothing is returned.
"""

from __future__ import annotations

import pandas as pd

import auth
from data import firm_level_query, query
from orchestration.access import visible_regions


def tables() -> set[str]:
    """'schema.table' of every table and view in the warehouse."""
    frame = query("select table_schema || '.' || table_name as name from information_schema.tables")
    return set(frame["name"])


def _optional(table: str, sql: str, columns: list[str]) -> pd.DataFrame:
    """The query's result, or an empty frame when the table is missing (a build from an older
    version, or a build that stopped before publishing)."""
    return query(sql) if table in tables() else pd.DataFrame(columns=columns)


def _all_regions() -> pd.DataFrame:
    return query("""
        select region_code, region_name, level, parent_code, parent_name, province_code, city_code, in_county_race
        from marts.dim_region
        order by region_code
    """)


def readable_regions() -> frozenset[str] | None:
    """The region codes the signed-in user may read (None: all; signed out: none)."""
    user = auth.current_user()
    if user is None:
        return frozenset()
    frame = _all_regions()
    parents = {r.region_code: (r.parent_code if isinstance(r.parent_code, str) else None) for r in frame.itertuples()}
    return visible_regions(user.role, parents, dict(zip(frame["region_code"], frame["level"])))


def scoped(frame: pd.DataFrame, column: str = "region_code") -> pd.DataFrame:
    """The rows of `frame` whose `column` is a region the signed-in user may read."""
    visible = readable_regions()
    if visible is None:
        return frame
    return frame[frame[column].isin(visible)].reset_index(drop=True)


def _every_region_only(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows across regions (quarantine, files, units): for roles that read every region, else none."""
    return frame if readable_regions() is None else frame.head(0)


def may_read(region_code: str) -> bool:
    visible = readable_regions()
    return visible is None or region_code in visible


def region_exists(code: str) -> bool:
    return code in set(_all_regions()["region_code"])


def target_exists(target_id: str) -> bool:
    """Whether the id is a target at all (to refuse a link rather than call it missing)."""
    return not query("select 1 from marts.fct_policy_target where target_id = ?", target_id).empty


def regions() -> pd.DataFrame:
    return scoped(_all_regions())


def metrics() -> pd.DataFrame:
    return query("""
        select metric_code, name_zh, unit, kind, family, family_zh, is_core_family,
               has_statistical_series, definition
        from marts.dim_metric
        order by metric_code
    """)


def publish_info() -> pd.Series:
    """The latest publish and the evaluation date progress was judged at."""
    evaluation = query("select max(evaluation_date) as evaluation_date from marts.fct_target_progress").iloc[0]
    log = publish_log()
    return pd.Series({
        "published_at": log.iloc[0]["published_at"] if len(log) else None,
        "run_id": log.iloc[0]["run_id"] if len(log) else None,
        "evaluation_date": evaluation["evaluation_date"],
    })


def targets() -> pd.DataFrame:
    """Every target with where it stands, named in Chinese (the document text left out)."""
    return scoped(query("""
        select
            t.target_id, t.doc_id, d.title as doc_title, d.doc_number, d.published_on as doc_published_on, d.published_as_written as doc_published,
            t.subject_region, t.region_code, r.region_name, r.level as region_level, r.city_code,
            t.industry, t.industry_code, i.industry_name,
            t.metric_code, t.metric_text, m.name_zh as metric_name, m.family, m.family_zh,
            t.kind, t.comparator, t.value, t.value_low, t.value_high, t.unit, t.qualifier,
            t.target_year, t.period, t.redacted, t.category, t.responsible_units,
            t.sentence, t.span_start, t.span_end, t.review_status, t.extraction_reason,
            p.evaluation_date, p.status, p.status_reason, p.method, p.evidence, p.basis,
            p.target_value, p.actual_value, p.actual_year, p.actual_period, p.report_as_of,
            p.is_derived, p.baseline_value, p.baseline_year, p.required_annual_growth_pct,
            p.actual_annual_growth_pct, p.projected_value, p.progress_pct, p.time_elapsed_pct,
            p.observation_id, p.baseline_observation_id, p.report_id, p.document_actual_id, p.evidence_used
        from marts.fct_policy_target as t
        left join marts.fct_target_progress as p using (target_id)
        left join marts.dim_region as r on r.region_code = t.region_code
        left join marts.dim_metric as m on m.metric_code = t.metric_code
        left join marts.dim_industry as i on i.industry_code = t.industry_code
        left join marts.dim_policy_document as d on d.doc_id = t.doc_id
        order by t.doc_id, t.span_start, t.target_id
    """))


def documents() -> pd.DataFrame:
    return scoped(query("""
        select d.doc_id, d.title, d.issuer, d.issuing_region, d.region_code, d.published_on, d.published_as_written,
               d.doc_number, d.status, d.channel, d.source_file, d.target_count, d.char_count,
               (select count(*) from marts.fct_document_actual a where a.doc_id = d.doc_id) as actual_count
        from marts.dim_policy_document as d
        order by d.doc_id
    """))


def document_actuals() -> pd.DataFrame:
    """Actuals read from documents (progress reports, reviews), with the target each reports on."""
    return scoped(_optional("marts.fct_document_actual", """
        select a.document_actual_id, a.doc_id, a.document_title, a.region_code, a.year, a.period,
               a.metric_code, m.name_zh as metric_name, a.metric_text, a.value, a.unit, a.basis, a.qualifier,
               a.reason, a.target_id, a.sentence, a.span_start, a.span_end, a.source_file, a.source_line
        from marts.fct_document_actual as a
        left join marts.dim_metric as m using (metric_code)
        order by a.doc_id, a.span_start
    """, ["document_actual_id", "doc_id", "region_code", "target_id"]))


def document_text(doc_id: str) -> str:
    if doc_id not in set(documents()["doc_id"]):
        return ""
    frame = query("select text from marts.dim_policy_document where doc_id = ?", doc_id)
    return "" if frame.empty else str(frame.iloc[0]["text"] or "")


_OBSERVATION_COLUMNS = """
    o.observation_id, o.region_code, r.region_name, r.level as region_level, r.city_code,
    o.metric_code, m.name_zh as metric_name, m.family, m.kind,
    o.year, o.period, o.period_end_month, o.is_full_year, o.value, o.unit,
    o.value_as_reported, o.unit_as_reported, o.quality, o.quality_base, o.is_unverified,
    o.industry_code, o.source_kind,
    o.source_title, o.source_url, o.published_on, o.vintage, o.is_preferred,
    o.vintage_rank, o.vintage_count, o.preference_reason, o.note, o.source_file
"""


def series(region_code: str, metric_code: str, preferred_only: bool = False) -> pd.DataFrame:
    """Every vintage (or only the preferred one) of one region's metric, with names, in time order:
    the economy-wide series (an industry's own output is in marts.fct_firm_aggregate)."""
    return scoped(query(f"""
        select {_OBSERVATION_COLUMNS}
        from marts.fct_indicator_observation as o
        left join marts.dim_region as r on r.region_code = o.region_code
        left join marts.dim_metric as m on m.metric_code = o.metric_code
        where o.region_code = ? and o.metric_code = ? and o.industry_code = 'all' and (o.is_preferred or not ?)
        order by o.year, o.period_end_month, o.vintage_rank
    """, region_code, metric_code, preferred_only))


def observation(observation_id: str) -> pd.DataFrame:
    """One observation with its names (empty when the id is not in the warehouse)."""
    return scoped(query(f"""
        select {_OBSERVATION_COLUMNS}
        from marts.fct_indicator_observation as o
        left join marts.dim_region as r on r.region_code = o.region_code
        left join marts.dim_metric as m on m.metric_code = o.metric_code
        where o.observation_id = ?
    """, observation_id))


def metric_counts(region_code: str) -> pd.DataFrame:
    """How many observations each metric has in a region (the trends page's metric list)."""
    if not may_read(region_code):
        return pd.DataFrame(columns=["metric_code", "observations"])
    return query("""
        select metric_code, count(*) as observations
        from marts.fct_indicator_observation where region_code = ? and industry_code = 'all'
        group by metric_code
    """, region_code)


def region_activity() -> pd.DataFrame:
    """Targets plus observations per region (which city the app opens on)."""
    return scoped(query("""
        select region_code, count(*) as items from (
            select region_code from marts.fct_policy_target
            union all
            select region_code from marts.fct_indicator_observation
        ) group by region_code
    """))


def county_race() -> pd.DataFrame:
    """县区赛马 on figures: the ranking as the mart defines it (which figure, which rank)."""
    return scoped(query("""
        select city_code, region_code, region_name, level, metric_code, year, period, figure_basis,
               value, unit, quality, source_title, source_url, observation_id, rank_in_city,
               regions_ranked, periods_mixed
        from marts.fct_county_race
        order by city_code, metric_code, year, rank_in_city, region_code
    """))


def county_target_board() -> pd.DataFrame:
    """县区赛马 on targets: counts by status and the rank, as the mart defines them."""
    return scoped(query("""
        select city_code, region_code, region_name, level, targets_total, targets_judged,
               targets_achieved, targets_on_track, targets_at_risk_or_off_track, targets_missed,
               target_share_pct, rank_in_city
        from marts.fct_county_target_board
        order by city_code, rank_in_city
    """))


def kpi_cards() -> pd.DataFrame:
    """总览 cards: for each region, card metric and year (NULL = latest), the figure, the figure a
    year before and the target, as fct_kpi_card chose them."""
    return scoped(query("""
        select c.card_id, c.region_code, c.metric_code, m.name_zh as metric_name, m.definition,
               c.overview_card, c.family, c.card_year, c.observation_id, c.year, c.period, c.value,
               c.unit, c.quality, c.source_title, c.source_url, c.previous_value,
               c.change_from_previous, c.target_id, c.targets_matching
        from marts.fct_kpi_card as c
        join marts.dim_metric as m using (metric_code)
        order by c.region_code, c.card_year nulls first, c.overview_card
    """))


def region_target_status() -> pd.DataFrame:
    """Targets by status per region, scope and due year (NULL = all), as the mart counts them."""
    return scoped(query("""
        select region_code, scope, due_year, status, targets, targets_in_scope
        from marts.fct_region_target_status
        order by region_code, scope, due_year nulls first, status
    """))


def progress_reports() -> pd.DataFrame:
    return scoped(query("""
        select r.report_id, r.target_id, t.region_code, r.as_of, r.value, r.reported_by, r.note,
               r.source_file, r.source_line
        from marts.fct_progress_report as r
        join marts.fct_policy_target as t using (target_id)
        order by r.target_id, r.as_of
    """))


# --- data quality -------------------------------------------------------------------------

def check_results() -> pd.DataFrame:
    """Validation results of the latest published run (all runs if the log has none)."""
    columns = ["suite", "table_name", "rows", "expectation", "column_name", "severity", "success",
               "unexpected_count", "examples", "run_id"]
    if "meta.check_results" not in tables():
        return pd.DataFrame(columns=columns)
    latest = publish_log()["run_id"].head(1).tolist()
    return query(f"""
        select {", ".join(columns[:6])}, try_cast(success as boolean) as success, unexpected_count, examples, run_id
        from meta.check_results
        where run_id = ? or ? is null
        order by suite, expectation, column_name
    """, latest[0] if latest else None, latest[0] if latest else None)


QUARANTINE_TABLES = {
    "figure_rows": "统计数据行",
    "progress_report_rows": "进度报送行",
    "target_review_rows": "目标审核行",
    "rejected_targets": "审核驳回的目标",
    "rejected_files": "拒收文件",
}


QUARANTINE_SHOWN = 1000  # a correction of a long history can put many rows here; a page shows the first


def quarantine(table: str) -> pd.DataFrame:
    """The first QUARANTINE_SHOWN rows of a quarantine table (in the table's order)."""
    if table not in QUARANTINE_TABLES:
        raise ValueError(table)
    return _every_region_only(_optional(f"quarantine.{table}", f"select * from quarantine.{table} limit {QUARANTINE_SHOWN}", ["reason"]))


def firm_quarantine() -> pd.DataFrame:
    """Quarantined firm-level rows (register, panel, project list), from the office-only firm-level
    file: only for a user with the `firm_level` permission (the data office)."""
    user = auth.current_user()
    if user is None or not user.can("firm_level"):
        return pd.DataFrame(columns=["source", "reason"])
    return firm_level_query(f"select source, source_file, source_sheet, source_line, credit_code, name, rule, reason "
                            f"from firm.quarantine_firm_rows order by source, source_file, source_line "
                            f"limit {QUARANTINE_SHOWN}")


def quarantine_counts() -> dict[str, int]:
    """Rows in each quarantine table."""
    present = tables()
    return {table: int(query(f"select count(*) as n from quarantine.{table}").iloc[0]["n"])
            if f"quarantine.{table}" in present else 0 for table in QUARANTINE_TABLES}


def input_files() -> pd.DataFrame:
    return _every_region_only(_optional("meta.input_files", "select * from meta.input_files order by path",
                     ["path", "origin", "kind", "sha256", "status", "reason", "note", "rows_read", "rows_blank",
                      "supersedes", "superseded_by"]))


def corrections_and_retractions() -> pd.DataFrame:
    """Files replaced by a newer version of the same name, and files taken out with kpi retract."""
    return _every_region_only(_optional(
        "meta.input_files",
        "select status, path, superseded_by, reason from meta.input_files "
        "where status in ('superseded', 'retracted') order by status, path",
        ["status", "path", "superseded_by", "reason"]))


def publish_log() -> pd.DataFrame:
    # the server path of the warehouse stays in the table for analysts, never on a page
    return _optional("meta.publish_log", "select * exclude (warehouse_path) from meta.publish_log order by published_at desc",
                     ["run_id", "published_at", "input_files", "input_fingerprint",
                      "critical_check_failures", "warning_check_failures", "versions"])


def row_counts() -> pd.DataFrame:
    return _optional("meta.row_counts", "select * from meta.row_counts order by table_name", ["table_name", "rows"])


AUDIT_SHOWN = 500


def audit_events() -> pd.DataFrame:
    """The audit trail, newest first, read from its file (an event shows before the next build);
    for the roles that may read it, else empty."""
    from orchestration import audit

    from data import settings

    user = auth.current_user()
    events = audit.read(settings().audit_log)[::-1][:AUDIT_SHOWN] if user and user.can("audit") else []
    return pd.DataFrame(events, columns=list(audit.COLUMNS))


def unit_dispatch() -> pd.DataFrame:
    """调度 by unit (marts.fct_unit_dispatch), the most overdue first."""
    return _every_region_only(_optional("marts.fct_unit_dispatch", """
        select unit_name, period, due_date, evaluation_date, targets_owned, targets_led, reports_expected,
               targets_reported, targets_overdue, led_judged, led_on_track_pct, last_report_as_of
        from marts.fct_unit_dispatch
        order by targets_overdue desc, unit_name
    """, ["unit_name", "period", "due_date", "evaluation_date", "targets_owned", "targets_led", "reports_expected",
          "targets_reported", "targets_overdue", "led_judged", "led_on_track_pct", "last_report_as_of"]))


def unit_dispatch_targets(unit: str) -> pd.DataFrame:
    """One unit's targets on the 调度 page (marts.fct_unit_dispatch_target)."""
    return _every_region_only(query("""
        select d.target_id, t.metric_text, t.target_year, d.is_lead, d.status, d.report_expected,
               d.reported_in_period, d.last_report_as_of, d.last_report_value, d.last_reported_by, d.last_report_file
        from marts.fct_unit_dispatch_target as d
        join marts.fct_policy_target as t using (target_id)
        where d.unit_name = ?
        order by d.report_expected and not d.reported_in_period desc, d.is_lead desc, d.target_id
    """, unit))


def form_rows(unit: str) -> list[dict]:
    """The rows of one unit's 目标进度填报表 (the SQL of orchestration.office.forms, its one home)."""
    from orchestration.office.forms import FORM_SQL

    return _every_region_only(query(FORM_SQL, unit)).to_dict("records")


def pack_tables() -> dict[str, list[dict]]:
    """The rows of the meeting pack (the SQL of orchestration.office.pack, its one home)."""
    from orchestration.office.pack import SQL

    def records(frame: pd.DataFrame) -> list[dict]:
        return frame.astype(object).where(frame.notna(), None).to_dict("records")

    if readable_regions() is not None:
        return {name: [] for name in SQL}
    return {name: records(query(sql)) for name, sql in SQL.items()}
