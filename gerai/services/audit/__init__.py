"""The audit trail: the hash chain, each sale's digest, reading it a page at a time, and `gerai
audit verify`."""
