"""gerai: point of sale and stock for the gerai sembako of a Koperasi Merah Putih."""

__version__ = "0.1.0"
