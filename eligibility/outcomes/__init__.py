"""Outcome indicators (アウトカム指標): operators' status reports and program statistics read
and measured against the program's logic model, and reported."""
