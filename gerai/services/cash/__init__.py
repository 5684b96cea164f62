"""The till's cash and documents: shifts (open, cash in/out, close), what a kasir does that moves
no goods (reprint, drawer), and gapless document numbers."""
