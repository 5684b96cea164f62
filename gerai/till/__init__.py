"""The till layer: one `Till` per running till, between the screens (and the command line)
and the rules. It owns the database, the clock, the logged-in user, the till id, the shop's
settings and the print-job queue, and offers the till's verbs (sell, hold, void, retur, the
shift, member money, stock work, imports, users, the shop's settings and a new shop's setup)
each as one transaction, and the reads the screens need; `batch` runs several verbs as one
transaction, for generated bulk work (the demo's days). The TUI, the command line, the demo
and the benchmark's measurements all work through it. The rules stay in `gerai.services`;
the till only opens the transaction, passes its context (clock, actor, till id) and
sequences the steps (a sale, then its receipt job).

Modules: `base` (the context and the transactions), `sale`, `cash`, `members`, `stock`,
`admin` (the verbs by room), `till` (the `Till` that offers them all)."""

from gerai.till.till import Till

__all__ = ["Till"]
