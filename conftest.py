"""Test-wide set-up: the repository root on sys.path and a private journey-facts cache."""

import os
import tempfile

# Each test process gets its own cache directory so tests never read facts from an earlier run.
os.environ.setdefault("CXLENS_CACHE_DIR", tempfile.mkdtemp(prefix="cxlens-test-cache-"))
