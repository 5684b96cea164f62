"""How long a PIN may be: light enough for the login screen to import before the rules load."""

PIN_MIN, PIN_MAX = 4, 8
