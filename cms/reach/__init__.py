"""Reach: the figures the domain apps report (``REACH_FIGURES``) and the staff dashboard."""
