"""Reports computed from the ledger: the daily summary."""
