"""The README says what the code does: its data dictionary and command list are current."""

from pathlib import Path

from orchestration.cli import main
from orchestration.data_dictionary import mart_columns, markdown

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_data_dictionary_in_readme_matches_the_dbt_yaml():
    assert markdown() in README


def test_every_mart_column_has_a_chinese_name_and_a_description():
    missing = [(mart, c["name"]) for mart, columns in mart_columns().items() for c in columns
               if not c["name_zh"] or not c["description"]]
    assert missing == []


def test_every_kpi_subcommand_is_documented(capsys):
    try:
        main(["--help"])
    except SystemExit:
        pass
    listed = capsys.readouterr().out
    for command in ("run", "serve", "app", "ui", "extract-targets", "extract-figures", "docs", "dictionary", "retract"):
        assert f"kpi {command}" in README or f"`kpi {command}" in README, command
        assert command in listed
