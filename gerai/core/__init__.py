"""The bottom of the house: money, quantities, dates and times as the shop reads them, errors and
the message catalog. Imports nothing else of gerai."""
