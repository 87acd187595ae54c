"""Demo content of the WZK (fictional people only)."""


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


def seed_minutes(*, stdout):
    pass
