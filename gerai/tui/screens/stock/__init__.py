"""The stock screens: products and the product form, barang masuk, stok opname, write-offs and
repacking, the stock card."""
