"""The data dictionary of the published marts, from the dbt YAML (the single source).

`kpi dictionary` prints it as Markdown; the README's copy is checked against it by a test.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import settings

MARTS_YAML = settings.DBT_PROJECT_DIR / "models" / "marts" / "_marts__models.yml"


def mart_columns(path: Path = MARTS_YAML) -> dict[str, list[dict]]:
    """mart name -> its columns (name, data_type, name_zh, description), in YAML order."""
    models = yaml.safe_load(path.read_text(encoding="utf-8"))["models"]
    return {
        model["name"]: [
            {"name": c["name"], "data_type": c.get("data_type", ""),
             "name_zh": (c.get("meta") or {}).get("name_zh", ""),
             "description": " ".join(str(c.get("description", "")).split())}
            for c in model.get("columns", [])
        ]
        for model in models
    }


def markdown(path: Path = MARTS_YAML) -> str:
    models = yaml.safe_load(path.read_text(encoding="utf-8"))["models"]
    columns = mart_columns(path)
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
