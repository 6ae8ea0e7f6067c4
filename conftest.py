"""Test-wide set-up: the repository root on sys.path and a private journey-facts cache."""

import os
import tempfile

import pytest
from _pytest.nodeid import NodeId

# Each test process gets its own cache directory so tests never read facts from an earlier run.
os.environ.setdefault("CXLENS_CACHE_DIR", tempfile.mkdtemp(prefix="cxlens-test-cache-"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Give each test with an ``xdist_group`` mark the ``@group`` suffix that ``--dist loadgroup`` schedules by.

    pytest-xdist writes the suffix to ``item._nodeid``, but pytest keeps the id in ``item._id`` (a ``NodeId``), so
    without this every grouped test would be scheduled on its own. Runs last, after the conftests have added
    their group marks.
    """
    if not getattr(config.option, "loadgroup", False):  # set on xdist workers under --dist loadgroup
        return
    for item in items:
        groups = {str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                  for mark in item.iter_markers("xdist_group")}
        suffix = f"@{'_'.join(sorted(groups))}"
        # (a parameter may hold an "@" of its own, as in [seoul@bank.test]: only the suffix counts)
        if groups and not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)
