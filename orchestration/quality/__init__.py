"""Great Expectations suites (stored as JSON in expectations/suites) run on DataFrames.

No Dagster imports: the Dagster asset checks in orchestration.defs.checks are thin wrappers.
"""
