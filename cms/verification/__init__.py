"""One public verification service for every document the site issues (contest diplomas, event
certificates of attendance): a short code printed on the document, a record of what it is, for whom
and by whom, and the page ``/weryfikacja/<code>/`` that says whether it is valid, revoked or unknown.

The domain apps call ``services.issue`` with the texts of their document (``cms`` knows neither of
them) and keep a link to the record; ``services.revoke`` withdraws it with a reason.
"""
