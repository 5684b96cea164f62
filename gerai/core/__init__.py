"""The bottom of the house: money, quantities, dates and times as the shop reads them, the shop's
closed vocabularies (`words`: payment methods, statuses, kinds, roles, document series), errors
and the message catalog. Imports nothing else of gerai."""
