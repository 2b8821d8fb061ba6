"""A realistic mix for the load test (`make load`): people reading the home page, searching
with and without filters, reading decisions and profiles, and a few using the API.

Paths are read from LOAD_PATHS_FILE, written by scripts/load_test.py from the archive: the
decisions and organisations that exist, and hundreds of distinct searches (words of every
frequency, phrases, real filter values alone and combined), so that most searches are new."""

import json
import os
import random

from locust import HttpUser, between, task

PATHS = json.loads(open(os.environ["LOAD_PATHS_FILE"]).read())  # noqa: SIM115


class Reader(HttpUser):
    wait_time = between(1, 4)  # a person reads before the next click

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(6)
    def search(self):
        self.client.get(f"/decisions/?{random.choice(PATHS['searches'])}", name="search")

    @task(2)
    def browse(self):
        self.client.get(f"/decisions/?{random.choice(PATHS['browses'])}", name="browse by filters")

    @task(6)
    def decision(self):
        self.client.get(random.choice(PATHS["decisions"]), name="decision page")

    @task(2)
    def profile(self):
        self.client.get(random.choice(PATHS["organisations"]), name="organisation profile")

    @task(1)
    def api(self):
        self.client.get(f"/api/decisions/?{random.choice(PATHS['searches'])}", name="JSON API")
