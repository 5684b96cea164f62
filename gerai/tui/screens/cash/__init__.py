"""Shifts and the bendahara: opening, cash in/out and closing the till, the day's report."""
