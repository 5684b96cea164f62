"""The shop itself: its profile (shop-wide settings), users, PINs and permissions."""
