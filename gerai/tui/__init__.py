"""The Textual terminal UI: screens (by room, in `screens/`) and widgets that call the app's
`Till` (`app.till`, never a database session) and show results; `base` holds the typed screen
and dialog classes, `permits` the one approval path, `styles` the style sheets."""
