"""Who may see what: entries and every file of an entry are private to the school and staff.

Another app (the jury) adds its own rule with ``register_film_viewer(fn)``, where
``fn(user, entry) -> bool``; ``can_view_film`` then also admits whoever that rule admits.
"""

from cms.accounts.auth import is_staff_member

_film_viewers = []


def register_film_viewer(fn):
    if fn not in _film_viewers:
        _film_viewers.append(fn)
    return fn


# Staff see every entry and file: the site's one staff check.
is_staff = is_staff_member


def is_school_teacher(user, school):
    return bool(user.is_authenticated and school.teachers.filter(pk=user.pk).exists())


def is_entry_owner(user, entry):
    """A teacher of the entry's school."""
    return is_school_teacher(user, entry.school)


def can_view_entry(user, entry):
    return is_entry_owner(user, entry) or is_staff(user)


def can_view_original(user, entry):
    return can_view_entry(user, entry)


def can_view_consents(user, entry):
    return can_view_entry(user, entry)


def can_view_film(user, entry):
    """The web copy and poster: the school, staff, any registered viewer (jurors), or anyone once public."""
    if entry.is_public:
        return True
    if can_view_entry(user, entry):
        return True
    return any(fn(user, entry) for fn in _film_viewers)
