"""Importing the roster from the spreadsheet HR keeps (nhập danh sách người lao động).

Three use cases, one per step of the pages: `upload` keeps the file (a `RosterUpload` row, so
any app process can take the next step), `prepare` reads its first rows, proposes which
column holds which roster field and previews the rows as they will be read, and `run_import`
reads every row, validates all of them and writes all of them in one transaction, or none.
`check` is the same reading and validation without writing.

How a file is read, so a person can predict the result:
- CSV in UTF-8 (with or without BOM), UTF-16 (with BOM, as Excel's "Unicode text") or, failing
  those, Windows-1258 (the Vietnamese ANSI code page of Excel on Windows); separated by `,`,
  `;` or tab, whichever splits the rows most consistently. XLSX: the first sheet unless
  another is chosen. Text is NFC-normalised, so a name typed with combining accents equals
  the same name typed precomposed.
- The header row is the row, among the first 20, whose cells name the most roster fields.
- Row numbers are the spreadsheet's own, so a reported row can be found in Excel.
- An employee code already on the roster updates that worker; a new code adds a worker. Only
  the columns chosen in the mapping change; a worker missing from the file is left as is.

The stages, in the order a file goes through them: `uploading` (rights, keeping the file),
`reading` with `csv_file` and `xlsx_file` (bytes to a `sheet` of rows), `headers` and
`mapping` (which column fills which of the `fields`), `cells` (cell text to values),
`units` and `validation` (rows against the roster), `preview` (the mapping step),
`applying` (check and write), `report` (the problems per row); `limits` states every bound.
Callers import from the stage that holds a name (`uploading.upload`, `preview.prepare`,
`applying.check` and `applying.run_import`); this file imports nothing, so no import-graph
tool sees the stages and the package import each other.
"""
