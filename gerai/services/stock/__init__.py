"""Goods: the catalogue and its search, product administration and import/export, the stock ledger,
barang masuk, stok opname, write-offs, repacking, packs and suppliers."""
