"""The private storage of films and consent scans: ``storages["private"]``, looked up lazily.

Model fields keep a reference to ``private_storage`` (a lazy object) so that a change of the
``STORAGES`` setting (tests point it at a temporary directory) takes effect without re-importing.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage():
    """Callable given to FileField(storage=...) so migrations reference it instead of a path."""
    return private_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_storage._wrapped = empty
