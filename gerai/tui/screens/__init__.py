"""The screens, one package per room: sale (the kasir's), cash (shifts, the bendahara),
members, stock, admin."""
