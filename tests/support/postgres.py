"""A throwaway PostgreSQL server for tests: Debian's binaries, a cluster in a temporary directory, a unix socket.

Root cannot run postgres, so as root the cluster belongs to ``nobody`` (runuser); the socket lives in the cluster's
directory and no TCP port is opened. Without the binaries the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
USER = "cxlens"  # the cluster's superuser, trusted on the socket (a throwaway cluster only this process reaches)


def binaries() -> Path | None:
    """The newest Debian PostgreSQL bin directory with initdb and pg_ctl, else None."""
    for directory in BIN_DIRS:
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            return directory
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


class Server:
    """A running cluster: ``url(database)`` for SQLAlchemy, ``create(database)`` a fresh database, ``stop()``."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="cxlens-pg-"))
        self.data = self.root / "data"
        self._as = [] if os.geteuid() != 0 else ["runuser", "-u", "nobody", "--"]
        if self._as:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "nobody")
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60", "-o",
                  f"-k {self.root} -c listen_addresses='' -c fsync=off -c max_connections=60", "start")
        self.count = 0

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, str(self.bin_dir / tool), *args], check=True, capture_output=True, cwd=self.root)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+pg8000://{USER}@/{database}?unix_sock={self.root}/.s.PGSQL.5432"

    def create(self) -> str:
        """A new empty database's URL."""
        self.count += 1
        name = f"t{os.getpid()}_{self.count}"
        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
