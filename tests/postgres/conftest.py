"""The database pair's fixtures come from tests/postgres/databases.py (a plugin of tests/conftest.py)."""
