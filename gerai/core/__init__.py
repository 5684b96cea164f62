"""The bottom of the house: money, quantities, dates and times as the shop reads them, errors,
the translator of the gettext catalogs in gerai/locale and message keys as data. Imports nothing
else of gerai."""
