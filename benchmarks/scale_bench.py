"""Firm-panel models at province scale (issue 15): dbt against hand-written DuckDB SQL, per size.

    .venv/bin/python benchmarks/scale_bench.py [--rows 1M,10M,100M] [--memory-limit 5GB] [--threads 2]

For each size it generates the synthetic province (benchmarks/generate_province.py, reused when the
manifest matches), then in a scratch folder (`--work`, never the project's data/):

1. builds a scratch build database and firm database (the profile's KPI_BUILD_DATABASE and
   KPI_FIRM_BUILD_DATABASE) with the reference tables from seeds/reference and their staging models
   (untimed), and loads `firm.raw.firm_register`, `firm.raw.firm_months`, `firm.raw.tech_projects` as
   received: every column VARCHAR plus the provenance columns (raw_rows.PROVENANCE). The first load
   holds every month but the last one (the register and project list as of that month);
2. times `dbt run` of the firm-panel models (the firm models fct_firm_aggregate needs, and
   fct_firm_aggregate) through the project's profile (a copy of dbt_project/profiles.yml with DuckDB
   `memory_limit` and `threads` added to its `build` output), in a fresh process whose peak RSS is
   read with os.wait4;
3. times the same aggregate in hand-written DuckDB SQL over the same Parquet files (RAW_SQL below,
   written from the models' definitions, with the same row rules), in a fresh process with the same
   memory limit and threads, and checks that both give the same rows of fct_firm_aggregate (fails
   loudly if not);
4. adds the last month (a new monthly file; the register and project list as of that month) and
   re-runs the models: the incremental month. It checks the result against the raw SQL over all
   months again, and counts the rows of fct_firm_month the run recomputed (by their built_at):
   the new month's year, and of earlier years only those of firms whose register spells changed;
5. times a full rebuild (`--full-refresh`) and checks it once more.

Prints, per size, one line `rows=N models_s=… raw_sql_s=… ratio=… peak_rss_mib=…` (the first load:
N firm-month rows; models_s is the dbt process's wall time, start-up included; peak_rss_mib the
dbt process's peak) and one line with the incremental month and the full rebuild. Numbers, not
assertions (the machine is shared); the agreement checks are assertions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_DIR = PROJECT_ROOT / "dbt_project"
DATA_DIR = PROJECT_ROOT / "data"
sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.generate_province import parse_rows  # noqa: E402
from orchestration.ingest.raw_rows import FIRM_RAW_COLUMNS, PROVENANCE, csv_rows  # noqa: E402
from orchestration.warehouse import replace_table  # noqa: E402

# the firm-panel models: the firm-level ancestors of fct_firm_aggregate, and it
PANEL_SELECT = ["+fct_firm_aggregate,path:models/firm", "fct_firm_aggregate"]
UPSTREAM_SELECT = ["+fct_firm_aggregate"]
AGGREGATE_KEY = ["region_code", "industry_code", "year", "month"]
AGGREGATE_COUNTS = ["above_scale_firms", "firms_entered_ytd", "firms_exited_ytd", "firms_reporting"]
AGGREGATE_VALUES = ["gross_output_ytd", "revenue_ytd"]  # 亿元, rounded to 4 decimals by both sides

# ---------------------------------------------------------------------------------------------
# The hand-written side: fct_firm_aggregate from the Parquet files and the reference CSVs, with
# the row rules of the firm models (int_firms__register_checked, int_firms__months_checked):
# a register row counts if it parses and its spell does not overlap the firm's previous one; a
# firm-month row counts if it parses, its firm is registered, its month has one region and one
# set of values (copies count once) and its cumulative value does not fall below the month before.
# Written for speed: one GROUP BY per firm-month instead of windows over every row, an ASOF join
# to the spell, and the stock from entries and exits instead of a join of spells to months.
# ---------------------------------------------------------------------------------------------
RAW_SQL = r"""
create or replace temp macro num(v) as case
    -- the common case (ASCII digits, sign, point): translate() of full-width digits and the
    -- thousands-separator rule change nothing there, and translate() costs ~2 µs a distinct value
    when regexp_full_match(v, '[0-9.+-]+') then try_cast(v as double)
    else try_cast(
    case when regexp_full_match(translate(trim(v), '０１２３４５６７８９．－＋，', '0123456789.-+,'),
                                '[+-]?\d{1,3}(,\d{3})+(\.\d+)?')
         then replace(translate(trim(v), '０１２３４５６７８９．－＋，', '0123456789.-+,'), ',', '')
         else translate(trim(v), '０１２３４５６７８９．－＋，', '0123456789.-+,') end as double) end;
create or replace temp macro mon(v) as try_strptime(
    regexp_replace(translate(trim(v), '０１２３４５６７８９', '0123456789'),
                   '^(\d{4})[-/.年](\d{1,2})(月|[-/.]\d{1,2}日?)?$', '\1-\2-01'), '%Y-%m-%d')::date;

create or replace temp table regions as
    select trim(region_code) as region_code, trim(region_name) as region_name, trim(level) as level,
           nullif(trim(parent_code), '') as parent_code, coalesce(trim(aliases), '') as aliases
    from seed_regions;
create or replace temp table aliases as
    select alias, region_code from (
        select region_code as alias, region_code from regions
        union all select region_name, region_code from regions
        union all select trim(unnest(string_split(aliases, '|'))), region_code from regions where aliases <> ''
    ) where alias <> '' group by all;
create or replace temp table region_up as
    with recursive up(region_code, ancestor_code) as (
        select region_code, region_code from regions where level <> 'group'
        union all
        select up.region_code, r.parent_code from up join regions r on r.region_code = up.ancestor_code
        where r.parent_code is not null and r.parent_code in (select region_code from regions where level <> 'group')
    ) select * from up;
create or replace temp table industries as
    select trim(industry_code) as industry_code, nullif(trim(parent_code), '') as parent_code
    from seed_industries;
create or replace temp table industry_up as
    with recursive up(industry_code, ancestor_code) as (
        select industry_code, industry_code from industries
        union all
        select up.industry_code, i.parent_code from up join industries i on i.industry_code = up.ancestor_code
        where i.parent_code is not null and i.parent_code in (select industry_code from industries)
    ) select * from up;
create or replace temp table gbt as
    select trim(gbt_code) as gbt_code, trim(industry_code) as industry_code
    from seed_industry_gbt4754;

-- the register: accepted spells (dim_firm)
create or replace temp table spells as
with typed as (
    select upper(trim(r.credit_code)) as credit_code, trim(r.firm_name) as firm_name, a.region_code,
           trim(r.industry_code) as gbt_code, mon(r.entered) as entered_month,
           nullif(trim(r.exited), '') as exited_as_written, mon(r.exited) as exited_month,
           lower(trim(r.quality)) as quality, r.filename as source_file, r.file_row_number
    from read_parquet(@register@, filename = true, file_row_number = true) r
    left join aliases a on a.alias = trim(r.region)
),
ok as (
    select * from typed
    where regexp_matches(credit_code, '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')
      and firm_name <> '' and region_code is not null and regexp_matches(gbt_code, '^[0-9]{4}$')
      and entered_month is not null and not (exited_as_written is not null and exited_month is null)
      and entered_month <= current_date and not coalesce(exited_month < entered_month, false)
      and quality in ('official', 'preliminary', 'secondary', 'synthetic')
),
ordered as (
    select *, lag(exited_month) over w as previous_exited, row_number() over w as spell_number
    from ok window w as (partition by credit_code order by entered_month, source_file, file_row_number)
)
select o.credit_code, o.region_code,
       coalesce((select g.industry_code from gbt g where starts_with(o.gbt_code, g.gbt_code)
                 order by length(g.gbt_code) desc limit 1), 'all') as industry_code,
       o.entered_month as above_scale_from, o.exited_month as above_scale_to
from ordered o
where not (o.spell_number > 1 and (o.previous_exited is null or o.previous_exited >= o.entered_month));

-- the panel: one accepted report per firm and month (fct_firm_month where is_above_scale)
create or replace temp table panel as
with typed as (
    select upper(trim(m.credit_code)) as credit_code, a.region_code, mon(m.period) as period_month,
           num(m.gross_output) as g, num(m.revenue) as r, lower(trim(m.quality)) as quality
    from read_parquet(@months@) m
    left join aliases a on a.alias = trim(m.region)
),
firm_month as (   -- copies of one firm-month count once; two regions or two sets of values count none
    select credit_code, period_month, min(region_code) as region_code, min(g) as g, min(r) as r
    from typed
    where regexp_matches(credit_code, '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')
      and region_code is not null and period_month is not null and period_month <= current_date
      and g is not null and r is not null and g >= 0 and r >= 0
      and quality in ('official', 'preliminary', 'secondary', 'synthetic')
      and credit_code in (select credit_code from spells)
    group by credit_code, period_month
    having min(region_code) = max(region_code) and min(g) = max(g) and min(r) = max(r)
),
sequenced as (    -- 1-n月 cumulative: never below the month before in the year
    select *, lag(g) over w as previous_g, lag(r) over w as previous_r
    from firm_month window w as (partition by credit_code, year(period_month) order by period_month)
),
accepted as (
    select * from sequenced where not coalesce(previous_g > g or previous_r > r, false)
)
select a.region_code, s.industry_code, a.period_month, a.g, a.r
from accepted a
asof join spells s on s.credit_code = a.credit_code and a.period_month >= s.above_scale_from
where s.above_scale_to is null or s.above_scale_to >= a.period_month;

create or replace temp table result as
with known as (
    select max(m) as last_month from (
        select max(period_month) as m from panel
        union all select max(above_scale_from) from spells union all select max(above_scale_to) from spells)
),
events as (       -- +1 in the entry month, -1 in the month after the exit
    select region_code, industry_code, above_scale_from as period_month, 1 as delta, 1 as entered, 0 as exited
    from spells
    union all
    select region_code, industry_code, above_scale_to, 0, 0, 1 from spells where above_scale_to is not null
    union all
    select region_code, industry_code, (above_scale_to + interval 1 month)::date, -1, 0, 0
    from spells where above_scale_to is not null
),
groups as (select distinct region_code, industry_code from spells),
grid as (
    select g.region_code, g.industry_code, m.period_month,
           coalesce(sum(e.delta), 0) as delta, coalesce(sum(e.entered), 0) as entered,
           coalesce(sum(e.exited), 0) as exited
    from groups g cross join (   -- every month from the first entry on (a year may have no row of its own)
        select unnest(generate_series((select min(above_scale_from) from spells),
                                      (select last_month from known), interval 1 month))::date as period_month
    ) m
    left join events e using (region_code, industry_code, period_month)
    group by all
),
stock as (
    select *, sum(delta) over (partition by region_code, industry_code order by period_month) as above_scale_firms
    from grid
),
leaf as (
    select s.region_code, s.industry_code, s.period_month, s.above_scale_firms,
           sum(s.entered) over y as firms_entered_ytd, sum(s.exited) over y as firms_exited_ytd,
           coalesce(o.n, 0) as firms_reporting, o.g, o.r
    from stock s
    left join (select region_code, industry_code, period_month, count(*) as n, sum(g) as g, sum(r) as r
               from panel group by all) o using (region_code, industry_code, period_month)
    where s.above_scale_firms > 0
    window y as (partition by s.region_code, s.industry_code, year(s.period_month) order by s.period_month)
),
rolled as (
    select ru.ancestor_code as region_code, iu.ancestor_code as industry_code, leaf.period_month,
           sum(above_scale_firms) as above_scale_firms, sum(firms_entered_ytd) as firms_entered_ytd,
           sum(firms_exited_ytd) as firms_exited_ytd, sum(firms_reporting) as firms_reporting,
           sum(g) as g, sum(r) as r
    from leaf
    join region_up ru on ru.region_code = leaf.region_code
    join industry_up iu on iu.industry_code = leaf.industry_code
    group by all
)
select region_code, industry_code, cast(year(period_month) as integer) as year,
       cast(month(period_month) as integer) as month,
       'M01-M' || lpad(cast(month(period_month) as varchar), 2, '0') as period,
       cast(above_scale_firms as integer) as above_scale_firms, cast(firms_entered_ytd as integer) as firms_entered_ytd,
       cast(firms_exited_ytd as integer) as firms_exited_ytd, cast(firms_reporting as integer) as firms_reporting,
       round(g / 100000.0, 4) as gross_output_ytd, round(r / 100000.0, 4) as revenue_ytd
from rolled;
"""


def sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join(f"'{p}'" for p in paths) + "]"


def raw_sql_child(spec_file: str) -> None:
    """In a fresh process: run RAW_SQL and write the result; print its own time as JSON."""
    spec = json.loads(Path(spec_file).read_text())
    started = time.perf_counter()
    with duckdb.connect(":memory:") as con:
        con.execute(f"set memory_limit = '{spec['memory_limit']}'")
        con.execute(f"set threads = {spec['threads']}")
        con.execute(f"set temp_directory = '{spec['temp']}'")
        con.execute("set preserve_insertion_order = false")
        for name in ("regions", "industries", "industry_gbt4754"):  # the reference CSVs, as strings
            with open(PROJECT_ROOT / "seeds" / "reference" / f"{name}.csv", encoding="utf-8", newline="") as f:
                reader = csv.reader(f)
                header = next(reader)
                rows = [(r + [""] * len(header))[: len(header)] for r in reader if r]
            con.execute(f"create temp table seed_{name} ({', '.join(f'{c} varchar' for c in header)})")
            con.executemany(f"insert into seed_{name} values ({', '.join('?' * len(header))})", rows)
        script = (RAW_SQL.replace("@seeds@", str(PROJECT_ROOT / "seeds" / "reference"))
                  .replace("@register@", sql_list([Path(p) for p in spec["register"]]))
                  .replace("@months@", sql_list([Path(p) for p in spec["months"]])))
        con.execute(script)
        # the ASOF rule equals the models' choice of spell only while a firm's accepted spells do not overlap
        overlaps = con.execute("""
            select count(*) from (select above_scale_from, lag(above_scale_to) over w as prev_to,
                                         lag(above_scale_from) over w as prev_from
                                  from spells window w as (partition by credit_code order by above_scale_from))
            where prev_from is not null and (prev_to is null or prev_to >= above_scale_from)""").fetchone()[0]
        con.execute(f"copy result to '{spec['result']}' (format parquet)")
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "overlapping_spells": overlaps}))


# ---------------------------------------------------------------------------------------------
# The harness
# ---------------------------------------------------------------------------------------------
def scratch(path: str) -> Path:
    out = Path(path).expanduser().resolve()
    if out == DATA_DIR.resolve() or DATA_DIR.resolve() in out.parents:
        raise SystemExit(f"refusing to work inside the project's data/ ({out}): use a scratch folder")
    return out


def label_of(rows: int) -> str:
    return f"{rows // 10**6}M" if rows % 10**6 == 0 else str(rows)


def ensure_generated(gen: Path, rows: int, seed: int, memory_limit: str, threads: int) -> dict:
    manifest = gen / "manifest.json"
    if manifest.exists():
        known = json.loads(manifest.read_text())
        if known.get("rows_requested") == rows and known.get("seed") == seed and known.get("duckdb") == duckdb.__version__:
            return known
    subprocess.run([sys.executable, str(PROJECT_ROOT / "benchmarks" / "generate_province.py"), "--out", str(gen),
                    "--rows", str(rows), "--seed", str(seed), "--memory-limit", memory_limit,
                    "--threads", str(threads)], check=True)
    return json.loads(manifest.read_text())


def write_profile(folder: Path, memory_limit: str, threads: int) -> Path:
    """The project's profile with DuckDB's memory limit and threads added to the build output."""
    profile = yaml.safe_load((DBT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    build = profile["anhui_kpi"]["outputs"]["build"]
    build["settings"] = {**build.get("settings", {}), "memory_limit": memory_limit, "threads": threads,
                         "preserve_insertion_order": False}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profiles.yml").write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


class Dbt:
    def __init__(self, work: Path, build_db: Path, firm_db: Path, profiles: Path, project: Path):
        self.work, self.project = work, project
        self.env = {**os.environ, "KPI_BUILD_DATABASE": str(build_db), "KPI_FIRM_BUILD_DATABASE": str(firm_db),
                    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_VERSION_CHECK": "false",
                    "DBT_PROFILES_DIR": str(profiles), "DBT_TARGET_PATH": str(work / "target"),
                    "DBT_LOG_PATH": str(work / "logs"), "KPI_EVALUATION_DATE": "2024-06-30"}
        self.dbt = Path(sys.executable).parent / "dbt"

    def run(self, command: str, select: list[str], *extra: str, log: str) -> tuple[float, float]:
        """Run dbt; (wall seconds, peak RSS MiB of the dbt process). Raises on failure."""
        args = [str(self.dbt), command, "--select", *select, *extra]
        out = open(self.work / f"{log}.log", "w")
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=self.project, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.close()
        if proc.returncode != 0:
            tail = (self.work / f"{log}.log").read_text()[-3000:]
            raise SystemExit(f"dbt {command} failed ({log}); see {self.work / (log + '.log')}\n{tail}")
        return seconds, usage.ru_maxrss / 1024

    def model_times(self) -> dict[str, float]:
        results = json.loads((self.work / "target" / "run_results.json").read_text())
        return {r["unique_id"].split(".")[-1]: round(r["execution_time"], 2) for r in results["results"]}


def sha256_of(path: Path, salt: str = "") -> str:
    digest = hashlib.sha256(salt.encode())
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def deliveries(con: duckdb.DuckDBPyConnection, gen: Path, folder: Path, manifest: dict) -> dict:
    """The files of the first load (every month but the last; register and projects as of the month
    before) and of the new month (its own monthly file; register and projects as of it)."""
    last = manifest["last_period"]
    before = con.execute(f"select strftime(strptime('{last}-01', '%Y-%m-%d') - interval 1 month, '%Y-%m')").fetchone()[0]
    folder.mkdir(parents=True, exist_ok=True)
    year_files = sorted((gen / "firm_months").glob("firm_months_*.parquet"))
    last_year = gen / "firm_months" / f"firm_months_{last[:4]}.parquet"
    base_last_year = folder / f"firm_months_{last[:4]}_to_{before}.parquet"
    new_month = folder / f"firm_months_{last}.parquet"
    base_register = folder / f"firm_register_{before}.parquet"
    base_projects = folder / f"tech_projects_{before}.parquet"
    con.execute(f"copy (select * from read_parquet('{last_year}') where period < '{last}') to '{base_last_year}' "
                "(format parquet, compression zstd, row_group_size 1000000)")
    con.execute(f"copy (select * from read_parquet('{last_year}') where period = '{last}') to '{new_month}' "
                "(format parquet, compression zstd, row_group_size 1000000)")
    # the register as the office had it a month earlier: no spell entered in the last month, and an
    # exit in the last month month was not known yet (a firm leaves after its `exited` month)
    con.execute(f"""copy (select * replace (case when exited >= '{before}' then '' else exited end as exited)
                          from read_parquet('{gen / 'firm_register.parquet'}') where entered <= '{before}')
                    to '{base_register}' (format parquet)""")
    con.execute(f"copy (select * from read_parquet('{gen / 'tech_projects.parquet'}') where as_of < '{last}') "
                f"to '{base_projects}' (format parquet)")
    base_months = [p for p in year_files if p != last_year] + [base_last_year]
    return {"last": last, "before": before,
            "base": {"firm_register": [base_register], "firm_months": base_months, "tech_projects": [base_projects]},
            "new": {"firm_register": [gen / "firm_register.parquet"], "firm_months": base_months + [new_month],
                    "tech_projects": [gen / "tech_projects.parquet"]},
            "new_month": new_month}


def load_raw(con: duckdb.DuckDBPyConnection, table: str, files: list[Path], append: bool = False) -> int:
    """firm.raw.<table>: the contract's columns as VARCHAR plus provenance (one file = one source)."""
    columns = FIRM_RAW_COLUMNS[table]
    con.execute("create schema if not exists firm.raw")
    if not append:
        ddl = ", ".join(f'"{c}" varchar' for c in columns)
        con.execute(f"create or replace table firm.raw.{table} ({ddl})")
    for path in files:
        provenance = {"source_file": f"'{path.name}'", "line": "(file_row_number + 2)::varchar", "sheet": "null",
                      "file_sha256": f"'{sha256_of(path)}'", "origin": "'inbox'", "parse_error": "null",
                      "superseded_by": "null"}
        select = ", ".join(provenance[c] if c in PROVENANCE else f'"{c}"::varchar' for c in columns)
        con.execute(f"insert into firm.raw.{table} select {select} "
                    f"from read_parquet('{path}', file_row_number = true)")
    return con.execute(f"select count(*) from firm.raw.{table}").fetchone()[0]


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """raw.<name> from seeds/reference/<name>.csv for every raw source the project declares."""
    sources = yaml.safe_load((DBT_DIR / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8"))
    raw = next(s for s in sources["sources"] if s["name"] == "raw")
    con.execute("create schema if not exists raw")
    for table in raw["tables"]:
        csv = PROJECT_ROOT / "seeds" / "reference" / f"{table['name']}.csv"
        if csv.exists():  # as the pipeline loads them (orchestration/defs/assets/raw.py)
            columns, rows = csv_rows(csv)
            replace_table(con, "raw", table["name"], columns, rows)


def connect_pair(build_db: Path, firm_db: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(build_db))
    con.execute(f"set memory_limit = '{memory_limit}'")
    con.execute(f"set threads = {threads}")
    con.execute("set preserve_insertion_order = false")
    con.execute(f"attach '{firm_db}' as firm")
    return con


def raw_sql(work: Path, files: dict, args: argparse.Namespace, name: str) -> tuple[float, Path, int]:
    result = work / f"raw_result_{name}.parquet"
    spec = {"memory_limit": args.memory_limit, "threads": args.threads, "temp": str(work / "raw_tmp"),
            "register": [str(p) for p in files["firm_register"]], "months": [str(p) for p in files["firm_months"]],
            "result": str(result)}
    spec_file = work / f"raw_spec_{name}.json"
    spec_file.write_text(json.dumps(spec))
    out = subprocess.run([sys.executable, __file__, "--raw-sql-child", str(spec_file)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"raw SQL failed:\n{out.stderr[-3000:]}")
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    return answer["seconds"], result, answer["overlapping_spells"]


def compare(build_db: Path, result: Path, what: str) -> int:
    """The models' marts.fct_firm_aggregate and the raw SQL's rows must be the same rows."""
    key = ", ".join(AGGREGATE_KEY)
    with duckdb.connect(str(build_db), read_only=True) as con:
        counts = con.execute(f"""
            with m as (select * from marts.fct_firm_aggregate), r as (select * from read_parquet('{result}'))
            select (select count(*) from m), (select count(*) from r),
                   (select count(*) from (select {key} from m except all select {key} from r)),
                   (select count(*) from (select {key} from r except all select {key} from m)),
                   (select count(*) from m join r using ({key}) where
                        m.period is distinct from r.period or
                        {' or '.join(f'm.{c} is distinct from r.{c}' for c in AGGREGATE_COUNTS)} or
                        {' or '.join(f'coalesce(abs(m.{c} - r.{c}) > 0.00011, (m.{c} is null) <> (r.{c} is null))'
                                     for c in AGGREGATE_VALUES)})
        """).fetchone()
        if counts[2] or counts[3] or counts[4] or counts[0] != counts[1]:
            sample = con.execute(f"""
                select 'models' as side, * from (select * from marts.fct_firm_aggregate
                    except select * from read_parquet('{result}')) limit 5
                union all
                select 'raw_sql', * from (select * from read_parquet('{result}')
                    except select * from marts.fct_firm_aggregate) limit 5""").df()
            raise SystemExit(f"MISMATCH ({what}): models {counts[0]} rows, raw SQL {counts[1]} rows, "
                             f"{counts[2]} keys only in the models, {counts[3]} only in the raw SQL, {counts[4]} "
                             f"rows with different values\n{sample.to_string()}")
        return counts[0]


def recomputed(firm_db: Path, month: str) -> tuple[int, int, int]:
    """fct_firm_month's rows before `month`'s year, and how many of them, and of the others, the
    last run recomputed (its rows carry the run's built_at). Of history, only the years of firms
    whose register spells changed are recomputed."""
    with duckdb.connect(str(firm_db), read_only=True) as con:
        return con.execute(f"""
            select count(*) filter (where period_month < date_trunc('year', date '{month}-01')),
                   count(*) filter (where period_month < date_trunc('year', date '{month}-01')
                                    and built_at = (select max(built_at) from firm.fct_firm_month)),
                   count(*) filter (where period_month >= date_trunc('year', date '{month}-01')
                                    and built_at = (select max(built_at) from firm.fct_firm_month))
            from firm.fct_firm_month""").fetchone()


def one_size(rows: int, args: argparse.Namespace, profiles: Path) -> None:
    label = label_of(rows)
    gen = args.gen / label
    manifest = ensure_generated(gen, rows, args.seed, args.memory_limit, args.threads)
    work = args.work / label
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    build_db, firm_db = work / "warehouse.duckdb", work / "warehouse.firm.duckdb"
    dbt = Dbt(work, build_db, firm_db, profiles, args.project_dir)

    con = connect_pair(build_db, firm_db, args.memory_limit, args.threads)
    files = deliveries(con, gen, work / "delivery", manifest)
    load_reference(con)
    started = time.perf_counter()
    loaded = {t: load_raw(con, t, fs) for t, fs in files["base"].items()}
    load_s = time.perf_counter() - started
    con.execute("checkpoint")
    con.close()
    dbt.run("run", UPSTREAM_SELECT, "--exclude", *PANEL_SELECT, log="upstream")

    models_s, peak = dbt.run("run", PANEL_SELECT, log="first_load")
    per_model = dbt.model_times()
    raw_s, result, overlaps = raw_sql(work, files["base"], args, "first_load")
    agg_rows = compare(build_db, result, "first load")
    n = loaded["firm_months"]
    print(f"rows={n} models_s={models_s:.1f} raw_sql_s={raw_s:.1f} ratio={models_s / raw_s:.2f} "
          f"peak_rss_mib={peak:.0f}", flush=True)
    print(f"  first load: raw load {load_s:.1f} s, {loaded['firm_register']} register rows, "
          f"{agg_rows} aggregate rows agree; per model (s): {per_model}", flush=True)
    if overlaps:
        raise SystemExit(f"{overlaps} accepted spells overlap another spell of the same firm: the raw SQL's "
                         "ASOF rule does not cover that case")

    if args.first_load_only:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    # the incremental month: a new monthly file, the register and project list as of that month
    con = connect_pair(build_db, firm_db, args.memory_limit, args.threads)
    added = load_raw(con, "firm_months", [files["new_month"]], append=True) - n
    load_raw(con, "firm_register", files["new"]["firm_register"])
    load_raw(con, "tech_projects", files["new"]["tech_projects"])
    con.execute("checkpoint")
    con.close()
    inc_s, inc_peak = dbt.run("run", PANEL_SELECT, log="incremental")
    inc_models = dbt.model_times()
    history, history_redone, year_redone = recomputed(firm_db, files["last"])
    raw_full_s, full_result, _ = raw_sql(work, files["new"], args, "with_new_month")
    compare(build_db, full_result, "incremental month")

    full_s, full_peak = dbt.run("run", PANEL_SELECT, "--full-refresh", log="full_rebuild")
    full_models = dbt.model_times()
    compare(build_db, full_result, "full rebuild")
    print(f"  rows={n + added} incremental_month_s={inc_s:.1f} (+{added} rows of {files['last']}; recomputed "
          f"{year_redone} fct_firm_month rows of {files['last'][:4]} and {history_redone} of the {history} before it: "
          f"every year of a firm whose register spells changed) "
          f"full_rebuild_s={full_s:.1f} raw_sql_s={raw_full_s:.1f} "
          f"peak_rss_mib={max(inc_peak, full_peak):.0f}", flush=True)
    print(f"  incremental per model (s): {inc_models}\n  full rebuild per model (s): {full_models}", flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--raw-sql-child":
        raw_sql_child(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="1M,10M,100M", help="comma-separated sizes (firm-month rows)")
    parser.add_argument("--gen", default="/tmp/scale/gen", help="where generated provinces are kept (reused)")
    parser.add_argument("--work", default="/tmp/scale/bench", help="scratch databases (deleted unless --keep)")
    parser.add_argument("--memory-limit", default="5GB", help="DuckDB memory_limit for dbt and the raw SQL")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--first-load-only", action="store_true", help="skip the incremental month and full rebuild")
    parser.add_argument("--project-dir", type=Path, default=DBT_DIR,
                        help="the dbt project to run (default dbt_project/; a scratch copy to try a change)")
    args = parser.parse_args()
    args.gen, args.work = scratch(args.gen), scratch(args.work)
    profiles = write_profile(args.work / "profiles", args.memory_limit, args.threads)
    for rows in [parse_rows(size) for size in args.rows.split(",")]:
        one_size(rows, args, profiles)


if __name__ == "__main__":
    main()
