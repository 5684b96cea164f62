"""Business rules. Each service takes a database session and plain values; none knows of
Textual, click or the terminal."""
