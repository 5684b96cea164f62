"""Receipts: the layout of a receipt as plain lines (a pure function of the sale and the
shop), and its ESC/POS bytes for a thermal printer reached by a printer URL."""
