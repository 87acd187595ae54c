"""Signal receivers of the fairs: a changed hall plan empties the anonymous page cache, since the
fair's page shows its plans (``cms.cache``)."""

from django.db.models.signals import post_delete, post_save

from cms.cache import bump_generation

from .models import FloorPlan

# ---- Floor plan ----
post_save.connect(bump_generation, sender=FloorPlan, dispatch_uid="edufest-pagecache-fairs-floorplan")
post_delete.connect(bump_generation, sender=FloorPlan, dispatch_uid="edufest-pagecache-del-fairs-floorplan")
