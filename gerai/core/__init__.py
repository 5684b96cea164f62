"""The bottom of the house: money, quantities, dates and times as the shop reads them, the shop's
closed vocabularies (`words`: payment methods, statuses, kinds, roles, document series), errors,
the translator of the gettext catalogs in gerai/locale and message keys as data (`phrases`).
Imports nothing else of gerai."""
