#!/usr/bin/env python
import os
import sys
from pathlib import Path

from django.core.management import execute_from_command_line

# site/ holds settings, urls and wsgi as top-level modules: the stdlib owns the name "site".
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
