"""The demo shop, a floor above the till: `generate` loads the shipped starting data (the
catalogue, members and settings in `data/`, as a new shop's setup, straight into the
database) and creates the demo users, then makes past days of business through a `Till`
worked by the demo kasir, as the TUI would: sales, a few voids and returs, member money,
cash out, goods received, each day's shift opened and closed. `members` holds the members'
side of a day at the counter, `bulk` the writing of a day's sales in bulk (the rows
`checkout` writes), `unsynced` the demo file written without an fsync per commit."""
