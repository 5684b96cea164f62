"""The alembic migrations (`versions/NNNN_<slug>.py`) that bring an existing shop's database
to the current schema without loss (`gerai db upgrade`)."""
