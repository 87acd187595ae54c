"""Files: HTTP range responses, the private storages (filesystem and S3) and the spreadsheet writer."""
