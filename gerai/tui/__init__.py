"""The Textual terminal UI: screens and widgets that call the services and show results."""
