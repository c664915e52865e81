"""Pages for official notices."""

ROUTES: list = []
