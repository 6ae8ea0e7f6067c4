"""`make bench`: measures the store, report.py and the dashboard's data paths against two baselines."""
