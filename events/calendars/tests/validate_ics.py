#!/usr/bin/python3
"""Validate an iCalendar stream from stdin with libical's check_restrictions(); print its errors.

Run with Debian's /usr/bin/python3 (the ICalGLib bindings of gir1.2-ical-3.0 live there, not in a
virtualenv). Exit status 0 when libical reports nothing, 1 with one ``X-LIC-ERROR`` line per problem.
"""

import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def main():
    text = sys.stdin.read()
    component = ICalGLib.Component.new_from_string(text)
    if component is None:
        print("X-LIC-ERROR: not parsable")
        return 1
    component.check_restrictions()
    unfolded = component.as_ical_string().replace("\r\n ", "").replace("\n ", "")
    errors = [line for line in unfolded.splitlines() if "X-LIC-ERROR" in line]
    for line in errors:
        print(line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
