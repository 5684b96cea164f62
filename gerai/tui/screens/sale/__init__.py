"""The kasir's screens: the kasir screen, payment, held carts, product and member search, reprint,
Batal/Retur and the key help."""
