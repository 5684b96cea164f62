"""The day's figures as files people keep: the daily report (PDF, CSV, XLSX) and the buku kas.
Each export takes a `DailySummary` and returns the whole file as bytes, so a caller writes it
whole or not at all. reportlab and openpyxl are imported only inside the functions that use
them (the start-up budget)."""
