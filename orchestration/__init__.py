"""Anhui industrial-policy KPI warehouse: extraction library, loaders and Dagster definitions."""
