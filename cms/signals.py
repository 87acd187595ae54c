"""Signal receivers of the cms app (none yet beyond the app's own wiring)."""
