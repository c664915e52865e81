"""Every limit of the roster import, in one place: the upload page states them, and a file
beyond one is refused whole with a message that names the limit (and the row, where one row
is at fault), never read halfway.

Modules read these as `limits.NAME` at call time, so a test can lower one.
"""

from __future__ import annotations

import datetime as dt

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A request's body around the file (the multipart envelope adds a few hundred bytes): anything
# beyond this is refused before it is read, by every import's upload route.
UPLOAD_BODY_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024
MAX_ROWS = 20_000
# Cells right of this column are not read (a roster needs a dozen columns; an HR export may
# carry many more that the import does not use).
MAX_COLUMNS = 100
# The most characters a spreadsheet cell holds (Excel's own limit), so a longer cell cannot
# have come from a roster; in a CSV file it is usually a quotation mark that was never
# closed, which swallows the rest of the file into one cell.
MAX_CELL_CHARS = 32_767
HEADER_SCAN_ROWS = 20
PREVIEW_ROWS = 10
UPLOAD_KEPT = dt.timedelta(days=1)
# Rows per INSERT: 15 values x 500 rows stays far below the bound-parameter limits of
# SQLite (32,766) and PostgreSQL (32,767).
WRITE_BATCH = 500
# An .xlsx file is a zip of XML parts. A 5 MB workbook of 20,000 rows unpacks to a few tens
# of MB; more is a "zip bomb". The small parts read whole (package, workbook, styles) have
# their own, lower bound.
UNPACKED_LIMIT = 100 * 1024 * 1024
SMALL_PART_LIMIT = 10 * 1024 * 1024
