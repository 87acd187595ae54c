from events.tests.factories import EventIndexPageFactory, EventPageFactory, StandFactory, ZoneFactory


def test_smoke(client, demo_site):
    index = EventIndexPageFactory(slug="wydarzenia")
    event = EventPageFactory(
        parent=index,
        kind="fair",
        audiences=["pupils", "teachers"],
        sessions=3,
        latitude="50.100000",
        longitude="19.900000",
    )
    zone = ZoneFactory(page=event)
    StandFactory(zone=zone)
    r = client.get("/wydarzenia/")
    open("/tmp/ev/index.html", "w").write(r.content.decode())
    assert r.status_code == 200
    r = client.get(event.url)
    open("/tmp/ev/event.html", "w").write(r.content.decode())
    assert r.status_code == 200
    r = client.get("/wydarzenia/archiwum/?date_from=xx&county=zz")
    open("/tmp/ev/archive.html", "w").write(r.content.decode())
    assert r.status_code == 200
