#!/usr/bin/python3
"""Read an iCalendar stream from stdin with libical (a second parser beside the icalendar library
that wrote it) and print its events as JSON: ``[{"uid", "summary", "dtstart", "dtend"}]`` where
``dtstart``/``dtend`` are the properties as libical writes them back (``DTSTART;TZID=…:…``).

Run with Debian's /usr/bin/python3 (the ICalGLib bindings of gir1.2-ical-3.0 live there)."""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def main():
    calendar = ICalGLib.Component.new_from_string(sys.stdin.read())
    kind = ICalGLib.ComponentKind.VEVENT_COMPONENT
    events = []
    event = calendar.get_first_component(kind)
    while event is not None:
        events.append(
            {
                "uid": event.get_uid(),
                "summary": event.get_summary(),
                "dtstart": event.get_first_property(ICalGLib.PropertyKind.DTSTART_PROPERTY)
                .as_ical_string()
                .strip(),
                "dtend": event.get_first_property(ICalGLib.PropertyKind.DTEND_PROPERTY)
                .as_ical_string()
                .strip(),
            }
        )
        event = calendar.get_next_component(kind)
    print(json.dumps(events, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
