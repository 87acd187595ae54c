import json, time, secrets
import pytest
from pyinstrument import Profiler
from django.test import Client
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db(transaction=True)

def test_profile_register(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.EDUFEST_MFA_REQUIRED = True
    from bench import seed
    event, tt = seed.rush_event(places=2000, title="P")
    c = Client()
    path = f"/api/v1/events/{event.pk}/registrations"
    def body(i):
        return json.dumps({"ticket_type": tt.pk, "name": f"Osoba {i}", "email": f"o{i}-{secrets.token_hex(3)}@example.org", "privacy_consent": True})
    for i in range(20):
        r = c.post(path, body(i), content_type="application/json")
        assert r.status_code == 201, r.content
    with CaptureQueriesContext(connection) as q:
        c.post(path, body(999), content_type="application/json")
    for x in q.captured_queries:
        print(x["time"], x["sql"][:300])
    t = time.perf_counter()
    for i in range(20, 220):
        r = c.post(path, body(i), content_type="application/json")
    print("per request ms (no profiler)", (time.perf_counter()-t)/200*1000)
    p = Profiler(interval=0.0005)
    p.start()
    for i in range(220, 420):
        r = c.post(path, body(i), content_type="application/json")
    p.stop()
    print(p.output_text(unicode=False, color=False, show_all=False)[:15000])
