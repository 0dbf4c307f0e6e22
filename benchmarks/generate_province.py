"""A province-scale synthetic firm panel for Anhui (issue 15): the three firm-level sources at scale.

    .venv/bin/python benchmarks/generate_province.py --out /tmp/scale/gen/24M [--rows 24M] [--seed 15]

Writes, into `--out` (a scratch directory, never the project's `data/`):

- `firm_register.parquet`  FIRM_REGISTER_COLUMNS: one row per 规上 spell (入库 `entered`, 退库 after
  `exited`, blank while still in); a firm that left may come back (a second spell, same credit code);
- `firm_months/firm_months_<year>.parquet`  FIRM_MONTH_COLUMNS: one row per firm and month while the
  firm is in the register, 2015-01 to 2024-12 (120 months); 工业总产值 and 营业收入 in 千元 at current
  prices, cumulative from January within each year (1-n月累计) and never falling within a year;
- `tech_projects.parquet`  TECH_PROJECT_COLUMNS: 技改 projects of some firms, one row per project in
  each December list from its start year to its finish year (the last list of an unfinished project
  is the panel's last month); investment in 万元, the completed part cumulative;
- `manifest.json`  what was written (parameters, rows, bytes, periods).

Every column is a string, as the office's files are read (orchestration/ingest/contracts.py), and
every row is labelled `quality` = `synthetic`. Regions are the 104 GB/T 2260 counties and districts
of seeds/reference/regions.csv (all 16 cities' county-level units are in the seed, so no code is
invented), written as their 6-digit code; industries are GB/T 4754-2017 4-digit classes. Credit
codes are 18 characters of the GB 32100 alphabet: 9 (工商) 1 (企业), the county code, an organisation
code with its GB 11714 check character and a valid GB 32100 check character.

Scale: the number of firms follows `--rows` (the firm-month rows): per million rows about 15,000
firms, 8,000 of them in the register in a given month (the real province, ~20,000 规上 firms a month,
is about `--rows 2.4M`; the default 24M is ten provinces' worth; 100M: ~1.5 million firms). Rows come
out within one firm's months of `--rows`.

Generated in DuckDB SQL only (`range()`, `hash()` of the seed and the row's keys): deterministic for a
seed and a DuckDB version, streaming (memory bounded by `--memory-limit`), one Parquet file per year.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import time
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
sys.path.insert(0, str(PROJECT_ROOT))

from orchestration.ingest.contracts import (  # noqa: E402
    FIRM_MONTH_COLUMNS,
    FIRM_REGISTER_COLUMNS,
    TECH_PROJECT_COLUMNS,
)

FIRST_YEAR = 2015
MONTHS = 120  # 2015-01 .. 2024-12
NOTE = "合成数据(synthetic, benchmarks/generate_province.py)"

# Relative size of each city's industry (the number of 规上 firms it has, roughly).
CITY_WEIGHTS = {
    "340100": 16, "340200": 10, "340300": 5, "340400": 4, "340500": 6, "340600": 3, "340700": 3, "340800": 6,
    "341000": 2, "341100": 8, "341200": 7, "341300": 5, "341500": 5, "341600": 4, "341700": 2, "341800": 6,
}

# GB/T 4754-2017 classes (4 digits) with a weight: divisions 13-40, Anhui-shaped (building materials,
# electrical machinery, equipment, autos and food weigh most).
INDUSTRY_CLASSES = [
    ("1311", 3, "粮油"), ("1340", 1, "糖业"), ("1353", 2, "肉制品"), ("1391", 1, "淀粉"), ("1411", 1, "食品"),
    ("1431", 2, "食品"), ("1462", 1, "调味品"), ("1512", 2, "酒业"), ("1513", 1, "啤酒"), ("1530", 2, "茶业"),
    ("1711", 2, "纺织"), ("1713", 1, "印染"), ("1811", 2, "服饰"), ("1951", 1, "鞋业"), ("2110", 2, "家具"),
    ("2221", 1, "纸业"), ("2231", 2, "包装"), ("2614", 2, "化工"), ("2625", 1, "肥业"), ("2651", 1, "树脂"),
    ("2710", 1, "制药"), ("2720", 2, "制药"), ("2740", 2, "中药"), ("2761", 1, "生物"), ("2770", 1, "医用材料"),
    ("2911", 1, "轮胎"), ("2922", 3, "塑业"), ("3011", 2, "水泥"), ("3021", 4, "建材"), ("3041", 1, "玻璃"),
    ("3062", 2, "复合材料"), ("3110", 1, "钢铁"), ("3130", 2, "钢材"), ("3211", 1, "铜业"), ("3216", 1, "铝业"),
    ("3251", 2, "铜材"), ("3252", 2, "铝材"), ("3311", 4, "钢构"), ("3340", 2, "金属制品"), ("3411", 1, "锅炉"),
    ("3443", 2, "阀门"), ("3444", 2, "液压"), ("3451", 2, "轴承"), ("3511", 1, "矿机"), ("3514", 2, "工程机械"),
    ("3571", 1, "农机"), ("3572", 2, "农机"), ("3581", 1, "医疗器械"), ("3611", 1, "汽车"), ("3612", 1, "新能源汽车"),
    ("3670", 5, "汽车零部件"), ("3720", 1, "轨道交通"), ("3811", 1, "电机"), ("3825", 2, "光伏"),
    ("3831", 2, "线缆"), ("3841", 2, "锂电"), ("3851", 2, "家电"), ("3852", 2, "家电"), ("3911", 1, "电子"),
    ("3922", 1, "通信"), ("3973", 1, "集成电路"), ("3974", 1, "显示"), ("3976", 1, "光电"), ("3982", 2, "电路"),
    ("4011", 1, "自动化"),
]

# Register dynamics: a share of the firms is already in at the start (entered 2005-2014), the others
# enter uniformly over the ten years; a spell ends with this monthly hazard (about 7.5% a year leave);
# a share of those who leave come back after one to four years (a second spell).
INITIAL_SHARE = 0.55
EXIT_HAZARD = 0.0065
RETURN_SHARE = 0.30
PROJECT_SHARE = 0.25  # firms with one or more 技改 projects

# 1-n月 seasonal pattern of a month's output (min 0.70 > twice the noise, so cumulative never falls)
SEASON = [0.75, 0.70, 1.00, 0.98, 1.00, 1.08, 0.95, 0.97, 1.05, 1.00, 1.07, 1.25]
NOISE = 0.30


def parse_rows(text: str) -> int:
    """'1M', '10M', '2.5M', '100m', '500k', '24000000' -> an integer."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([kKmMgG]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a row count: {text!r} (write 1M, 10M, 100M or a number)")
    factor = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def safe_out(path: str) -> Path:
    out = Path(path).expanduser().resolve()
    if out == DATA_DIR.resolve() or DATA_DIR.resolve() in out.parents:
        raise SystemExit(f"refusing to write into the project's data/ ({out}): the published warehouse lives "
                         "there. Give a scratch directory, e.g. /tmp/scale/gen.")
    return out


def counties() -> list[tuple[str, str, str]]:
    """(county code, city code, short name) of every county-level unit of the seed."""
    with open(PROJECT_ROOT / "seeds" / "reference" / "regions.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] == "county" and r["parent_code"] in CITY_WEIGHTS]
    return [(r["region_code"], r["parent_code"], r["region_name"]) for r in rows]


def u(*keys: str) -> str:
    """A uniform pseudo-random double in [0, 1) from the seed and the given SQL keys: each key is
    mixed in by its own hash() round (hash(a, b, c) of several values is correlated across its
    arguments: corr ~0.6 between hash(s, i, 1) and hash(s, i, 2))."""
    mixed = "hash(getvariable('seed'))"
    for key in keys:
        mixed = f"hash(xor(({key})::ubigint, {mixed}))"
    return f"(({mixed} >> 11)::double / 9007199254740992.0)"


def setup(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    con.execute(f"set memory_limit = '{args.memory_limit}'")
    con.execute(f"set threads = {int(args.threads)}")
    con.execute("set preserve_insertion_order = false")
    con.execute(f"set temp_directory = '{args.out / '.duckdb_tmp'}'")
    con.execute("set variable seed = ?", [int(args.seed)])
    rows = counties()
    per_city = {city: sum(1 for _, c, _ in rows if c == city) for city in CITY_WEIGHTS}
    con.execute("create temp table county_weights (region_code varchar, city varchar, name varchar, w double)")
    con.executemany("insert into county_weights values (?, ?, ?, ?)",
                    [(code, city, name, CITY_WEIGHTS[city] / per_city[city]) for code, city, name in rows])
    con.execute("create temp table industry_weights (industry_code varchar, w double, word varchar)")
    con.executemany("insert into industry_weights values (?, ?, ?)", INDUSTRY_CLASSES)
    # cumulative distributions: a uniform draw in [lo, hi) picks the row
    for table in ("county_weights", "industry_weights"):
        con.execute(f"""
            create temp table {table}_cdf as
            select *, (sum(w) over (order by rowid) - w) / sum(w) over () as lo,
                   sum(w) over (order by rowid) / sum(w) over () as hi,
                   row_number() over (order by rowid) - 1 as k
            from {table}""")


def build_spells(con: duckdb.DuckDBPyConnection, n_firms: int) -> None:
    """Firms 0..n_firms-1 and their spells (months counted from 2015-01 = 0; exit -1 = still in)."""
    h = EXIT_HAZARD
    con.execute(f"""
        create or replace temp table firm_draws as
        select
            i,
            case when {u('i', '1')} < {INITIAL_SHARE}
                 then -1 - floor({u('i', '2')} * 120)::int          -- entered 2005-01 .. 2014-12
                 else floor({u('i', '2')} * {MONTHS})::int end as a1,
            1 + floor(ln(1 - {u('i', '3')}) / ln(1 - {h}))::int as d1,
            {u('i', '4')} < {RETURN_SHARE} as comes_back,
            13 + floor({u('i', '5')} * 36)::int as gap,
            1 + floor(ln(1 - {u('i', '6')}) / ln(1 - {h}))::int as d2
        from range({n_firms}) t(i)""")
    con.execute(f"""
        create or replace temp table spells_all as
        with one as (
            select i, 1 as spell, a1 as a, a1 + d1 - 1 as b, comes_back, gap, d2 from firm_draws
        ),
        two as (
            select i, 2 as spell, b + gap as a, b + gap + d2 - 1 as b from one
            where comes_back and b + gap <= {MONTHS - 1}
        ),
        both_ as (
            select i, spell, a, b from one union all select i, spell, a, b from two
        )
        select i, spell, a, case when b >= {MONTHS - 1} then null else b end as exit_month,
               greatest(a, 0) as lo, least(b, {MONTHS - 1}) as hi
        from both_
        where b >= 0                                       -- spells over before 2015 are not in the panel
        """)


def choose_firms(con: duckdb.DuckDBPyConnection, target_rows: int) -> tuple[int, int]:
    """The smallest number of firms (in index order) whose firm-months reach target_rows."""
    estimate = max(200, int(target_rows / 100))
    while True:
        build_spells(con, estimate)
        total = con.execute("select coalesce(sum(hi - lo + 1), 0) from spells_all").fetchone()[0]
        if total >= target_rows:
            break
        estimate = int(estimate * target_rows / max(total, 1) * 1.05) + 100
    n, rows = con.execute(f"""
        with per_firm as (select i, sum(hi - lo + 1) as n from spells_all group by i),
        running as (select i, sum(n) over (order by i) as cum from per_firm)
        select min(i) + 1, min(cum) from running where cum >= {target_rows}""").fetchone()
    con.execute(f"delete from spells_all where i >= {n}")
    con.execute(f"delete from firm_draws where i >= {n}")
    return int(n), int(rows)


def build_firms(con: duckdb.DuckDBPyConnection) -> None:
    """Per firm: region, industry, credit code, name, size and growth."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w32100 = [pow(3, k, 31) for k in range(17)]
    con.execute(f"""
        create or replace temp table firms as
        with drawn as (
            select i, {u('i', '11')} as ur, {u('i', '12')} as ui from firm_draws
        ),
        placed as (
            select drawn.i, c.region_code, c.name as county_name, ind.industry_code, ind.word
            from drawn
            join county_weights_cdf c on drawn.ur >= c.lo and drawn.ur < c.hi
            join industry_weights_cdf ind on drawn.ui >= ind.lo and drawn.ui < ind.hi
        ),
        org as (
            select *, lpad(((i * 7919 + 12345678) % 100000000)::varchar, 8, '0') as org8 from placed
        ),
        org_checked as (
            select *, org8 || (case (11 - (list_sum(list_transform(range(8), k ->
                        (substr(org8, k + 1, 1)::int) * ([3, 7, 9, 10, 5, 8, 4, 2][k + 1]))) % 11))
                      when 10 then 'X' when 11 then '0'
                      else (11 - (list_sum(list_transform(range(8), k ->
                        (substr(org8, k + 1, 1)::int) * ([3, 7, 9, 10, 5, 8, 4, 2][k + 1]))) % 11))::varchar
                      end) as org9
            from org
        ),
        code17 as (
            select *, '91' || region_code || org9 as c17 from org_checked
        )
        select
            i, region_code, industry_code,
            c17 || substr('{alphabet}', 1 + ((31 - (list_sum(list_transform(range(17), k ->
                (strpos('{alphabet}', substr(c17, k + 1, 1)) - 1) * ({w32100}[k + 1]))) % 31)) % 31)::int, 1)
                as credit_code,
            county_name || '皖合成' || word || lpad(i::varchar, 7, '0') || '号有限公司' as firm_name,
            -- 千元 a month: Pareto-like sizes from about 1,200 (规上 threshold) to ~10^7
            1200 * exp(0.8 * least(-ln(1 - {u('i', '13')}), 9.0)) as base_k,
            -0.03 + 0.15 * {u('i', '14')} as growth,
            0.85 + 0.25 * {u('i', '15')} as revenue_ratio
        from code17""")


def month_text(expr: str) -> str:
    """'YYYY-MM' of a month index (0 = 2015-01); works for indexes before 2015 too."""
    return (f"(({FIRST_YEAR} * 12 + ({expr})) // 12)::varchar || '-' || "
            f"lpad(((({FIRST_YEAR} * 12 + ({expr})) % 12) + 1)::varchar, 2, '0')")


def write_register(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    select = f"""
        select f.credit_code, f.firm_name, f.region_code as region, f.industry_code,
               {month_text('s.a')} as entered,
               case when s.exit_month is null then '' else {month_text('s.exit_month')} end as exited,
               'synthetic' as quality, '{NOTE}' as note
        from spells_all s join firms f using (i)
        order by s.i, s.spell"""
    copy(con, select, path, FIRM_REGISTER_COLUMNS)


def write_months(con: duckdb.DuckDBPyConnection, year: int, path: Path) -> None:
    y0 = (year - FIRST_YEAR) * 12
    season_cum = [round(sum(SEASON[: k + 1]), 6) for k in range(12)]
    # cumulative 1-n月: base × yearly level × (cumulative season + bounded noise); the noise is at most
    # NOISE of one month and the smallest month is SEASON's minimum > 2 × NOISE, so it never falls.
    select = f"""
        with months as (
            select s.i, unnest(range(greatest(s.lo, {y0}), least(s.hi, {y0 + 11}) + 1)) as m
            from spells_all s
            where s.lo <= {y0 + 11} and s.hi >= {y0}
        ),
        valued as (
            select f.credit_code, f.region_code, months.m,
                   f.base_k * power(1 + f.growth, {year - FIRST_YEAR}) * (0.9 + 0.2 * {u('months.i', str(year), '21')})
                     * ({season_cum}[months.m - {y0} + 1] + {NOISE} * (2 * {u('months.i', 'months.m', '22')} - 1))
                     as output_k,
                   f.revenue_ratio * (0.95 + 0.1 * {u('months.i', str(year), '23')}) as ratio
            from months join firms f using (i)
        )
        select credit_code, region_code as region,
               '{year}-' || lpad((m - {y0} + 1)::varchar, 2, '0') as period,
               round(output_k, 1)::decimal(18, 1)::varchar as gross_output,
               round(output_k * ratio, 1)::decimal(18, 1)::varchar as revenue,
               'synthetic' as quality, '' as note
        from valued"""
    copy(con, select, path, FIRM_MONTH_COLUMNS)


def write_projects(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    last = MONTHS - 1
    select = f"""
        with owners as (
            select s.i, s.lo, s.hi, f.credit_code, f.region_code, f.industry_code,
                   1 + floor({u('s.i', '31')} * 3)::int as n_projects
            from spells_all s join firms f using (i)
            where s.spell = 1 and {u('s.i', '30')} < {PROJECT_SHARE}
        ),
        projects as (
            select o.*, p,
                   o.lo + floor({u('o.i', 'p', '32')} * (o.hi - o.lo + 1))::int as start_m,
                   12 + floor({u('o.i', 'p', '33')} * 25)::int as duration_m,
                   round(300 * exp(3.5 * {u('o.i', 'p', '34')}), 1) as total_wan,
                   1 + floor({u('o.i', 'p', '35')} * 28)::int as start_day,
                   1 + floor({u('o.i', 'p', '36')} * 28)::int as finish_day,
                   {u('o.i', 'p', '37')} < 0.15 as key_project
            from owners o, unnest(range(o.n_projects)) t(p)
        ),
        lists as (   -- the December lists from the start year to the finish year (or the last month)
            select pr.*, unnest(range(start_m // 12, least((start_m + duration_m) // 12, {last} // 12) + 1)) as list_year
            from projects pr
        ),
        as_of as (
            select *, least(list_year * 12 + 11, {last}) as as_of_m from lists
        )
        select
            'JG' || region_code || '-' || ({FIRST_YEAR} + start_m // 12)::varchar || '-'
                || lpad((i * 3 + p)::varchar, 7, '0') as project_id,
            word || '智能化技术改造项目(合成)' as project_name,
            credit_code, region_code as region,
            total_wan::decimal(18, 1)::varchar as total_investment,
            round(total_wan * least(1.0, greatest(0.0, (as_of_m - start_m + 1) / duration_m::double)), 1)
                ::decimal(18, 1)::varchar as completed_investment,
            {month_text('as_of_m')} as as_of,
            {month_text('start_m')} || '-' || lpad(start_day::varchar, 2, '0') as start_date,
            {month_text('start_m + duration_m')} || '-' || lpad(finish_day::varchar, 2, '0') as finish_date,
            case when key_project then '是' else '否' end as key_project,
            'synthetic' as quality, '{NOTE}' as note
        from as_of join (select industry_code, word from industry_weights) w using (industry_code)
        where as_of_m >= start_m
        order by i, p, as_of_m"""
    copy(con, select, path, TECH_PROJECT_COLUMNS)


def copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, columns: list[str]) -> None:
    listed = ", ".join(f'"{c}"::varchar as "{c}"' for c in columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"copy (select {listed} from ({select})) to '{path}' "
                "(format parquet, compression zstd, row_group_size 1000000)")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="scratch directory (never inside the project's data/)")
    parser.add_argument("--rows", type=parse_rows, default=parse_rows("24M"),
                        help="firm-month rows to generate: 1M, 10M, 24M (default), 100M ...")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    args.out = safe_out(args.out)
    if (args.out / "firm_months").exists():
        shutil.rmtree(args.out / "firm_months")
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    written = []
    with duckdb.connect(":memory:") as con:
        setup(con, args)
        t = time.perf_counter()
        n_firms, planned = choose_firms(con, args.rows)
        build_firms(con)
        n_spells = con.execute("select count(*) from spells_all").fetchone()[0]
        print(f"planned {planned:,} firm-months: {n_firms:,} firms, {n_spells:,} spells "
              f"({time.perf_counter() - t:.1f} s)", flush=True)
        jobs = [("firm_register", args.out / "firm_register.parquet", lambda p: write_register(con, p))]
        jobs += [(f"firm_months {year}", args.out / "firm_months" / f"firm_months_{year}.parquet",
                  lambda p, y=year: write_months(con, y, p)) for year in range(FIRST_YEAR, FIRST_YEAR + MONTHS // 12)]
        jobs += [("tech_projects", args.out / "tech_projects.parquet", lambda p: write_projects(con, p))]
        for name, path, job in jobs:
            t = time.perf_counter()
            job(path)
            rows = con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()[0]
            seconds = time.perf_counter() - t
            written.append({"name": name, "file": str(path.relative_to(args.out)), "rows": rows,
                            "bytes": path.stat().st_size, "seconds": round(seconds, 2)})
            print(f"wrote {path.relative_to(args.out)}: {rows:,} rows, {path.stat().st_size / 2**20:,.1f} MiB, "
                  f"{seconds:.1f} s", flush=True)
    shutil.rmtree(args.out / ".duckdb_tmp", ignore_errors=True)
    month_rows = sum(w["rows"] for w in written if w["name"].startswith("firm_months"))
    manifest = {
        "generator": "benchmarks/generate_province.py", "quality": "synthetic", "seed": args.seed,
        "rows_requested": args.rows, "firm_month_rows": month_rows, "firms": n_firms, "spells": n_spells,
        "first_period": f"{FIRST_YEAR}-01", "last_period": f"{FIRST_YEAR + MONTHS // 12 - 1}-12",
        "duckdb": duckdb.__version__, "files": written, "seconds": round(time.perf_counter() - started, 1),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    total_bytes = sum(w["bytes"] for w in written)
    print(f"total: {month_rows:,} firm-month rows, {n_firms:,} firms, {total_bytes / 2**20:,.1f} MiB in "
          f"{manifest['seconds']:.1f} s -> {args.out}")
    return manifest


if __name__ == "__main__":
    main()
