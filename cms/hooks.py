"""Wagtail hook names that ``cms`` defines and the domain apps fill, so that cms imports neither.

- ``SEED_DEMO``: ``fn(*, home, stdout)`` adds the app's demo content under the home page; register
  with ``order=`` (events 10, registration 20, checkin 30, edubus 40, calendars 45, contests 50,
  jury 60) and keep it idempotent.
- ``HOME_SECTIONS``: ``fn(request) -> dict | None`` gives a home-page section
  (``{"order": int, "template": str, "context": dict}``); the home page includes ``template`` with
  ``section`` bound to ``context``.
- ``SCHOOL_AREA``: ``fn(request) -> dict | None`` gives a section of the school area (``/szkola/``)
  of the signed-in teacher: ``{"order": int, "id": str, "title": str, "template": str,
  "context": dict, "stylesheets": [static path, …] (optional)}``; the page wraps ``template``
  (bound to ``section``) in a titled ``<section id=…>``. Each section reads its rows with its own
  few queries (never one per row); None hides the section. Orders: class registrations 10,
  contest entries 20, diplomas 30, Edubus requests 40.
- ``REACH_FIGURES``: ``fn(*, start, end) -> Iterable[cms.reach.figures.ReachRow]`` for the reach dashboard.
- ``ACCOUNT_HOME``: ``fn(user) -> str | None``: the path where the holder of a role of the app
  works (a juror: the jury page); "My account" in the header opens the first path given (see
  ``cms.views.account``). Staff and Edubus coordinators open the admin, teachers the school area.
- ``ACCOUNT_SECTIONS``: ``fn(request) -> dict | None``: a section of the account page (``/konto/``)
  of a signed-in person without a role, shaped like a ``SCHOOL_AREA`` section (a visitor's
  registrations, order 10).
- ``REACH_FIGURES``: ``fn(*, start, end) -> Iterable[cms.reach.figures.ReachRow]`` for the reach dashboard.
- ``CALENDAR_ITEMS``: ``fn(*, start=None, end=None) -> Iterable[cms.calendar.CalendarItem]`` for
  the site calendar and its feeds. A provider also bumps the feeds' version when its items change
  (``cms.calendar.bump_calendar_version``, or ``bump_on_model_changes(app_label)`` from its ``ready()``).
- ``PERIODIC_TASKS``: ``fn() -> list[(task, interval_seconds)]``: argument-less tasks that
  ``manage.py run_scheduler`` enqueues when due (see ``cms/jobs/scheduler.py``).
- ``PERSONAL_DATA``: ``fn() -> cms.privacy.sources.DataSource``: the app's ``export(email)`` and
  ``erase(email)`` (kept in the app's ``privacy.py``) for data-subject requests; register with
  ``order=`` (the account and the outbox of cms come last, order 1000).
- ``RETENTION_RULES``: ``fn() -> Iterable[cms.retention.rules.RetentionRule]``: what personal data
  an app holds, when it falls due and how it is anonymised or deleted (see ``cms/retention``); each
  app keeps its rules in its own ``retention.py``.
- ``DEMO_LOGINS``: ``fn() -> Iterable[(role, email, password, path)]``: the app's demo accounts
  that exist, printed by ``seed_demo`` (and so by ``make run``); ``path`` is where the role starts.
- ``ADMIN_MENU_EVENTS``, ``ADMIN_MENU_CONTESTS``, ``ADMIN_MENU_OPERATIONS``: the admin menu's groups
  (submenus) that cms draws. Register ``fn() -> wagtail.admin.menu.MenuItem`` under the group's name
  instead of ``register_admin_menu_item``, or set a viewset's ``menu_hook`` to it. A group the user
  may see nothing of is not shown.
- ``ATTENTION_ITEMS``: ``fn(request) -> cms.dashboard.AttentionItem | None``: one line of the admin
  dashboard's "Needs attention" panel (a count and a link); None when the user may not see it. Keep
  it to one query.
- ``LOGIN_LANDING``: ``fn(user) -> str | None``: where the holder of a role of the app lands after
  logging in when no ``next`` is given (an exhibitor's person: the exhibitor area); the first path
  given wins, after the school area of a teacher. Roles without one keep ``LOGIN_REDIRECT_URL``.
- ``MAIL_COMPOSERS``: ``fn() -> dict[str, compose]``: ``compose(**args) -> cms.outbox.services.ComposedEmail |
  None`` renders a mail queued with ``cms.outbox.services.queue_composed_email`` when the worker sends it.
- ``TICKET_SECTIONS``: ``fn(registration, *, for_mail=False) -> dict | None``: a section that the
  ticket page and the registrant's ticket mails (confirmed, promoted, reminder) show below the
  ticket, from an app built on registration (a fair visitor's plan): ``{"order": int, "id": str,
  "title": str, "template": html template, "text_template": plain-text template (mails),
  "context": dict}``; the templates are bound to ``section`` = ``context``. None hides it. Keep it
  to a few queries; ``for_mail`` leaves out what needs a request (forms).
"""

SEED_DEMO = "edufest_seed_demo"
DEMO_LOGINS = "edufest_demo_logins"
HOME_SECTIONS = "edufest_home_sections"
SCHOOL_AREA = "edufest_school_area"
ACCOUNT_HOME = "edufest_account_home"
ACCOUNT_SECTIONS = "edufest_account_sections"
REACH_FIGURES = "edufest_reach_figures"
CALENDAR_ITEMS = "edufest_calendar_items"
PERIODIC_TASKS = "edufest_periodic_tasks"
PERSONAL_DATA = "edufest_personal_data"
RETENTION_RULES = "edufest_retention_rules"
MAIL_COMPOSERS = "edufest_mail_composers"
ADMIN_MENU_EVENTS = "edufest_admin_menu_events"
ADMIN_MENU_CONTESTS = "edufest_admin_menu_contests"
ADMIN_MENU_OPERATIONS = "edufest_admin_menu_operations"
ATTENTION_ITEMS = "edufest_attention_items"
TICKET_SECTIONS = "edufest_ticket_sections"
LOGIN_LANDING = "edufest_login_landing"
