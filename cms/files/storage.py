"""Storage for private files (consent scans, unpublished films, exports): kept on disk outside every
served folder and without a URL, so they can only leave through a permission-checked view."""

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")
