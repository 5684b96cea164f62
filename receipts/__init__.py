"""Receipts: the layout of a receipt, a member or retur slip and a Z report as plain lines (pure
functions of what the services hand over), and their ESC/POS bytes for a thermal printer reached
by a printer URL. Of gerai it imports only the shared core (`gerai.core`)."""
