"""The members: finding them, the register and its import/export, member prices and savings
settings, savings, kasbon, their slips and the SHU report."""
