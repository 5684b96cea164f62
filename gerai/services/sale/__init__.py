"""Selling at the counter: the cart and its prices, paying (checkout), held carts, the stored
receipt, and the corrections of a sale (void and retur)."""
