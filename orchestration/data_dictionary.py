"""The data dictionary of the published marts, from their dbt YAML (the single source: one
`<mart>.yml` beside each mart's SQL).

`kpi dictionary` prints it as Markdown; the README's copy is checked against it by a test.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .settings import DBT_PROJECT_DIR

MARTS_DIR = DBT_PROJECT_DIR / "models" / "marts"


def mart_models(directory: Path = MARTS_DIR) -> list[dict]:
    """The marts' YAML entries, dimensions then facts, by name."""
    return [model for path in sorted(directory.glob("*.yml"))
            for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]]


def mart_columns(directory: Path = MARTS_DIR) -> dict[str, list[dict]]:
    """mart name -> its columns (name, data_type, name_zh, description), in YAML order."""
    models = mart_models(directory)
    return {
        model["name"]: [
            {"name": c["name"], "data_type": c.get("data_type", ""),
             "name_zh": (c.get("meta") or {}).get("name_zh", ""),
             "description": " ".join(str(c.get("description", "")).split())}
            for c in model.get("columns", [])
        ]
        for model in models
    }


def markdown(directory: Path = MARTS_DIR) -> str:
    models = mart_models(directory)
    columns = mart_columns(directory)
    lines = []
    for model in models:
        name_zh = ((model.get("config") or {}).get("meta") or {}).get("name_zh", "")
        lines += [f"#### `marts.{model['name']}` — {name_zh}", "",
                  " ".join(str(model.get("description", "")).split()), "",
                  "| column | 中文 | type | meaning |", "|---|---|---|---|"]
        for c in columns[model["name"]]:
            description = c["description"].replace("|", "\\|")
            lines.append(f"| `{c['name']}` | {c['name_zh']} | {c['data_type']} | {description} |")
        lines.append("")
    return "\n".join(lines)
