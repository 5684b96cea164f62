"""Business rules, one package (room) per area: sale, cash, members, stock, audit, shop,
reports. Each service takes a database session and plain values and raises `GeraiError(key,
**values)`; none knows of Textual, click, the terminal or the till above it, and none
translates."""
