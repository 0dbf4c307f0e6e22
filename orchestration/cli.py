"""`kpi`: the one command of the project.

    kpi run                      build and publish the warehouse (every Dagster asset), headless
    kpi app / kpi ui / kpi serve the Streamlit app (8501), the Dagster UI + daemon (3000), both
    kpi read PATH..              every number of a document: target, actual or neither, and why
    kpi extract-targets PATH..   the targets of any document as JSON Lines ('-' = stdin)
    kpi extract-figures PATH..   the actuals of any document as JSON Lines ('-' = stdin)
    kpi forms --period YYYY-MM   the 目标进度填报表 of every responsible unit (xlsx), for 月调度
    kpi pack --period YYYY-MM    the meeting pack of the period (xlsx + PDF)
    kpi docs                     build and serve the dbt docs of the warehouse
    kpi dictionary               the data dictionary of the marts (Markdown)
    kpi users add|remove|passwd  the app's users and roles (KPI_USERS)
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import users_cli
from .settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings

DAGSTER_YAML = """\
# Written by kpi; one build at a time (the build lock enforces it for kpi run too).
telemetry:
  enabled: false
concurrency:
  runs:
    max_concurrent_runs: 1
# Dagster's SQLite event log with its connections held (orchestration/defs/event_log.py): same files
event_log_storage:
  module: orchestration.defs.event_log
  class: HeldSqliteEventLogStorage
  config:
    dagster_home:
      env: DAGSTER_HOME
"""
# what earlier versions of kpi wrote: replaced by the current one (a file edited by hand is kept)
EARLIER_DAGSTER_YAML = DAGSTER_YAML[:DAGSTER_YAML.index("# Dagster's SQLite")]


def _prepare_dagster_home(settings: Settings) -> Path:
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8") == EARLIER_DAGSTER_YAML:
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return home


def cmd_run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    if args.evaluation_date:
        settings = settings.replace(evaluation_date=args.evaluation_date)
    home = _prepare_dagster_home(settings)
    started = time.monotonic()
    from .warehouse import WarehouseBusy, build_lock

    try:  # fail fast and plainly; the run itself holds the same lock throughout
        with build_lock(settings.build_database):
            pass
    except WarehouseBusy as exc:
        print(f"kpi run: {exc}", file=sys.stderr)
        return 2
    from .quality.suite_runner import ChildSuiteRunner

    # first: the child imports Great Expectations on the other core while this process imports
    # Dagster and dagster-dbt and loads the raw tables (orchestration/quality/suite_runner.py)
    suite_runner = ChildSuiteRunner()
    try:
        from .defs.dbt_project import prepare_manifest
        from .settings import prepare_dbt_environment

        prepare_dbt_environment(settings)  # parse with the build's environment: its partial parse then holds
        prepare_manifest(settings.dbt_executable)
        import dagster as dg

        from .defs.definitions import build_definitions

        job = build_definitions(settings, suite_runner).resolve_job_def("build_warehouse")
        with dg.DagsterInstance.from_config(str(home)) as instance:  # disposed: its event log's connections closed
            result = job.execute_in_process(
                instance=instance, raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}}},
            )
    finally:
        suite_runner.close()
    if not result.success:
        failed = sorted({e.step_key for e in result.all_events if e.is_step_failure})
        failed_checks = sorted(
            e.event_specific_data.asset_check_key.name for e in result.all_events
            if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed
            and e.event_specific_data.severity.value == "ERROR"
        )
        busy = any("another pipeline run" in str(e.event_specific_data) for e in result.all_events if e.is_failure)
        print(f"kpi run: the build failed (run {result.run_id}); the published warehouse is unchanged.\n"
              f"  failed steps: {', '.join(failed) or 'none'}; failed blocking checks: {', '.join(failed_checks) or 'none'}\n"
              "  Details: the run's page in the Dagster UI (kpi ui), and the app's 数据质量 page.",
              file=sys.stderr)
        return 2 if busy else 1
    _print_stage_counts(settings.warehouse)
    print(f"published {settings.warehouse} in {time.monotonic() - started:.1f} s (run {result.run_id})")
    return 0


def _print_stage_counts(warehouse: Path) -> None:
    from .warehouse import connect_published

    with connect_published(warehouse) as con:
        rows = con.execute("select table_name, rows from meta.row_counts order by table_name").fetchall()
        files = con.execute("select status, count(*) from meta.input_files group by status order by status").fetchall()
    print("input files: " + ", ".join(f"{status} {n}" for status, n in files))
    stage = None
    for name, count in rows:
        schema = name.split(".")[0]
        if schema != stage:
            stage = schema
            print(f"{schema}:")
        print(f"  {name.split('.', 1)[1]:<40} {count:>7}")


def _streamlit_cmd(port: int) -> list[str]:
    from .ingest.upload import MAX_MB as UPLOAD_MAX_MB

    return [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app" / "Home.py"),
            "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
            "--server.maxUploadSize", str(UPLOAD_MAX_MB)]  # the app's upload page checks the same limit


def _dagster_cmd(port: int) -> list[str]:
    return [sys.executable, "-m", "dagster", "dev", "-m", "orchestration.defs.definitions",
            "-h", "127.0.0.1", "-p", str(port)]


def _ensure_admin(settings: Settings) -> None:
    """Before the app is first served: the data office's admin, its password printed this once."""
    from .users import ADMIN_NAME, ensure_admin

    password = ensure_admin(settings.users)
    if password:
        print(f"数据办管理员账号已创建:用户名 {ADMIN_NAME},初始密码 {password}\n"
              f"(只显示这一次;请登录后用 `kpi users passwd {ADMIN_NAME}` 修改,"
              f"用 `kpi users add` 添加其他用户)", flush=True)


def cmd_app(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    _ensure_admin(settings)
    return subprocess.call(_streamlit_cmd(args.port), env=settings.subprocess_env())


def cmd_ui(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    _prepare_dagster_home(settings)
    return subprocess.call(_dagster_cmd(args.port), cwd=PROJECT_ROOT, env=settings.subprocess_env())


def cmd_serve(args: argparse.Namespace) -> int:
    """The app and the Dagster UI together, until Ctrl-C (or SIGTERM, from a service manager)."""

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, stop)
    settings = Settings.from_env().replace(dagster_port=args.ui_port)  # the app starts runs there
    _prepare_dagster_home(settings)
    _ensure_admin(settings)
    env = settings.subprocess_env()
    # dagster dev maps SIGTERM onto SIGINT's handler: started with SIGINT ignored (a shell's `&`),
    # it would ignore both, so its SIGINT is reset and it is stopped with SIGINT, as Ctrl-C does
    processes = [subprocess.Popen(_streamlit_cmd(args.app_port), env=env),
                 subprocess.Popen(_dagster_cmd(args.ui_port), cwd=PROJECT_ROOT, env=env,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))]
    print(f"KPI app (Streamlit):  http://127.0.0.1:{args.app_port}")
    print(f"Dagster UI + daemon:  http://127.0.0.1:{args.ui_port}")
    print("Ctrl-C stops both.")
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for p in processes:
            p.send_signal(signal.SIGINT)
        for p in processes:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
    return 0


def _read_inputs(paths: list[str]) -> list[tuple[str, str]]:
    from .ingest.readers import FileRejected, decode_text

    inputs = []
    for path in paths:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        try:
            inputs.append((path, decode_text(data, name=path).text))
        except FileRejected as exc:
            raise SystemExit(f"kpi: {exc}") from None
    return inputs


def _print_jsonl(records: list[dict]) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def cmd_extract_targets(args: argparse.Namespace) -> int:
    from .extract import extract_targets

    for path, text in _read_inputs(args.paths):
        _print_jsonl(extract_targets(text, doc=path))
    return 0


def cmd_extract_figures(args: argparse.Namespace) -> int:
    from .extract import extract_figures

    for path, text in _read_inputs(args.paths):
        _print_jsonl(extract_figures(text, doc=path))
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    """Every number with its class and the cue that decided it, for a reviewer."""
    from .extract import read
    from .extract.reader import describe

    for path, text in _read_inputs(args.paths):
        reading = read(text, doc=path)
        if args.json:
            _print_jsonl([{"doc": path, "start": m.start, "end": m.end, "text": m.text, "class": m.cls,
                           "reason": m.reason} for m in reading.mentions])
        else:
            sys.stdout.write(describe(path, reading))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """dbt docs of the published warehouse, written beside it (site/dbt_docs), served on 127.0.0.1."""
    settings = Settings.from_env()
    dbt, env = settings.dbt_executable, settings.subprocess_env()
    # the read-only `published` target: docs never lock the file a build is writing
    common = ["--profiles-dir", str(DBT_PROJECT_DIR), "--target", "published", "--target-path", str(settings.dbt_docs)]
    subprocess.check_call([dbt, "docs", "generate", *common], cwd=DBT_PROJECT_DIR, env=env)
    if args.no_serve:
        print(f"dbt docs written to {settings.dbt_docs}")
        return 0
    return subprocess.call([dbt, "docs", "serve", *common, "--host", "127.0.0.1", "--port", str(args.port),
                            "--no-browser"], cwd=DBT_PROJECT_DIR, env=env)


def cmd_retract(args: argparse.Namespace) -> int:
    """Take a processed inbox file out of the next build, keeping it and the reason in retracted/."""
    import datetime as dt
    import getpass

    from .ingest.inbox import NotRetractable, retract

    from .warehouse import WarehouseBusy, build_lock

    settings = Settings.from_env()
    try:
        with build_lock(settings.build_database):  # never move a file a running build is reading
            moved = retract(settings.inbox, args.file, args.reason, args.by or getpass.getuser(),
                            dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    except (NotRetractable, WarehouseBusy) as exc:
        print(f"kpi retract: {exc}", file=sys.stderr)
        return 1
    print(f"retracted {args.file}: kept as {moved}; the next `kpi run` publishes the warehouse without its rows")
    return 0


def cmd_forms(args: argparse.Namespace) -> int:
    """One 目标进度填报表 (xlsx) per responsible unit, from the published warehouse."""
    from .office.forms import FormError, write_forms
    from .warehouse import connect_published

    settings = Settings.from_env()
    out = Path(args.out) if args.out else settings.forms / args.period
    if not settings.warehouse.exists():
        print(f"kpi forms: no published warehouse at {settings.warehouse}; run `kpi run` first", file=sys.stderr)
        return 1
    try:
        with connect_published(settings.warehouse) as con:
            written = write_forms(con, out, args.period, args.unit)
    except FormError as exc:
        print(f"kpi forms: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    print(f"{len(written)} form(s) for {args.period} in {out}")
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    """The meeting pack of a period (xlsx + PDF), from the published warehouse."""
    from .office.forms import FormError
    from .office.pack import write_pack
    from .warehouse import connect_published

    settings = Settings.from_env()
    if not settings.warehouse.exists():
        print(f"kpi pack: no published warehouse at {settings.warehouse}; run `kpi run` first", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else settings.packs / args.period
    try:
        with connect_published(settings.warehouse) as con:
            written = write_pack(con, out, args.period)
    except FormError as exc:
        print(f"kpi pack: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    from .data_dictionary import markdown

    sys.stdout.write(markdown())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kpi", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="build and publish the warehouse")
    run.add_argument("--evaluation-date", help="judge target progress at this date (YYYY-MM-DD)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                     help="Dagster console log level (the full log is kept in DAGSTER_HOME either way)")
    run.set_defaults(func=cmd_run)
    app = sub.add_parser("app", help="serve the Streamlit app")
    app.add_argument("--port", type=int, default=8501)
    app.set_defaults(func=cmd_app)
    ui = sub.add_parser("ui", help="serve the Dagster UI and daemon")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)
    serve = sub.add_parser("serve", help="serve the app and the Dagster UI")
    serve.add_argument("--app-port", type=int, default=8501)
    serve.add_argument("--ui-port", type=int, default=3000)
    serve.set_defaults(func=cmd_serve)
    reader = sub.add_parser("read", help="every number of a document: target, actual or neither, and why")
    reader.add_argument("paths", nargs="+")
    reader.add_argument("--json", action="store_true", help="JSON Lines, one number per line")
    reader.set_defaults(func=cmd_read)
    targets = sub.add_parser("extract-targets", help="the targets of a document, as JSON Lines")
    targets.add_argument("paths", nargs="+")
    targets.set_defaults(func=cmd_extract_targets)
    figures = sub.add_parser("extract-figures", help="the actuals of a document, as JSON Lines")
    figures.add_argument("paths", nargs="+")
    figures.set_defaults(func=cmd_extract_figures)
    docs = sub.add_parser("docs", help="build and serve the dbt docs")
    docs.add_argument("--port", type=int, default=8080)
    docs.add_argument("--no-serve", action="store_true", help="only write the docs (site/dbt_docs)")
    docs.set_defaults(func=cmd_docs)
    retract = sub.add_parser("retract", help="take a processed inbox file out of the next build (kept, with the reason)")
    retract.add_argument("file", help="the file as the quality page shows it, e.g. inbox/x.csv")
    retract.add_argument("--reason", required=True, help="why (shown on the quality page)")
    retract.add_argument("--by", help="who retracts it (default: the login name)")
    retract.set_defaults(func=cmd_retract)
    forms = sub.add_parser("forms", help="write the 目标进度填报表 (xlsx) of every responsible unit")
    forms.add_argument("--period", required=True, help="the reporting month, YYYY-MM")
    forms.add_argument("--unit", help="only this unit's form (its full name, as on the forms)")
    forms.add_argument("--out", help="folder to write into (default: data/forms/<period>/)")
    forms.set_defaults(func=cmd_forms)
    pack = sub.add_parser("pack", help="write the 月调度 meeting pack (xlsx + PDF)")
    pack.add_argument("--period", required=True, help="the reporting month, YYYY-MM")
    pack.add_argument("--out", help="folder to write into (default: data/packs/<period>/)")
    pack.set_defaults(func=cmd_pack)
    dictionary = sub.add_parser("dictionary", help="print the data dictionary of the marts (Markdown)")
    dictionary.set_defaults(func=cmd_dictionary)
    users_cli.add_parser(sub)
    args = parser.parse_args(argv)
    os.umask(0o077)  # everything kpi and its children write (warehouse, inbox, logs) is the owner's only
    return args.func(args)


def console_main() -> None:
    """The `kpi` command (and `python -m orchestration.cli`): `main`, and after `kpi run` an exit
    that skips the interpreter's own shutdown, which tears down the thousands of modules of
    Dagster, dbt and DuckDB one by one (~1 s at the end of every run). By then the run has closed
    everything it opened (the Dagster instance, the build lock, DuckDB, the GX child); the
    console and the logging handlers are flushed here."""
    argv = sys.argv[1:]
    code = main(argv)
    if argv[:1] != ["run"]:
        sys.exit(code)
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    console_main()
