"""The members screens: register, member page and form, savings and kasbon at the counter, member
settings, the kasbon list."""
