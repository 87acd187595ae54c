"""The e-mail outbox: mail rows, queueing and composing, delivery with retries, its tasks and admin page."""
