"""The monthly 调度 cycle on paper: the forms that go out to the responsible units and come back
through the inbox (pure Python and openpyxl; no Dagster, no Streamlit)."""
