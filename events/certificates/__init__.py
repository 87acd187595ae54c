"""Certificates of attendance (zaświadczenia o udziale) of events: per-event settings, one
certificate for each checked-in registration, its verification record (``cms.verification``), PDF
and mail. Built on ``events.registration`` and ``events.checkin``; neither imports it."""
