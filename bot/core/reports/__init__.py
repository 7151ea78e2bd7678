"""Reports as files: the XLSX workbook (`workbook`), PNG charts (`charts`) and both together for
a chat or the command line (`files`)."""
