"""The first-run wizard of a new shop, and the shop's settings as a form."""
