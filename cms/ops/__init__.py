"""Operations: backup and restore, logs without personal data, the health check (``/healthz``)."""
