"""Wagtail hook names that ``cms`` defines and the domain apps fill, so that cms imports neither.

- ``SEED_DEMO``: ``fn(*, home, stdout)`` adds the app's demo content under the home page.
- ``HOME_SECTIONS``: ``fn(request) -> dict | None`` gives a home-page section
  (``{"order": int, "template": str, "context": dict}``).
- ``REACH_FIGURES``: ``fn(*, start, end, kinds) -> list`` gives reach figures for the dashboard.
"""

SEED_DEMO = "edufest_seed_demo"
HOME_SECTIONS = "edufest_home_sections"
REACH_FIGURES = "edufest_reach_figures"
