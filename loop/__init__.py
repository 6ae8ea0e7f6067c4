"""What people write about the customers they serve: cases on detractors and improvement actions, in their own database.

Nothing analytical lives here: events and facts stay in Parquet/DuckDB (store/). This package owns the database
(``loop.db``: SQLite by default, PostgreSQL when ``CXLENS_DATABASE_URL`` is set), its tables (``loop.tables``) and
migrations (``loop/migrations``, Alembic, run on start), and the writes of cases (``loop.cases``) and actions
(``loop.actions``), each with its history of who changed what and when.
"""
