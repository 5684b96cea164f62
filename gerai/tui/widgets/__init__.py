"""The widgets the screens share: the scan field, the cart table, the totals, a paged list."""
