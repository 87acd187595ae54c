"""Private files on S3-compatible object storage (``S3_PRIVATE_BUCKET``): like the private
filesystem storage, without a URL, so they can only leave through a permission-checked view."""

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage


@deconstructible
class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")
