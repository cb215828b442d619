import time

from django.core.management.base import BaseCommand
from django.db import connection

from zorgpact.demo.scale import generate_scale_data


class Command(BaseCommand):
    help = (
        "Add synthetic, plainly labelled data at N times the real programme (N=1: 17 pacts, 1,100 organisations, "
        "106 actions, 80 koplopers, 70 cases, with indicators, measurements, sessions and agreements). Each run adds "
        "a new numbered set; nothing existing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiple of the real programme (default 1).")
        parser.add_argument("--seed", type=int, default=2015, help="Random seed: the same seed gives the same data.")

    def handle(self, *args, scale: int, seed: int, **options):
        started = time.monotonic()
        counts = generate_scale_data(scale=scale, seed=seed)
        if connection.vendor == "postgresql":
            # After a bulk load the planner still believes the tables are nearly empty until autovacuum gets round to
            # them; at scale 100 that made the catalogue's top 20 a join over every koploper (29 ms instead of 1 ms).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n}")
        self.stdout.write(f"seconds: {time.monotonic() - started:.1f}")
