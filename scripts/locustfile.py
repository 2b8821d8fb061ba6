"""A realistic mix for the load test (`make load`): people reading the home page, searching
with and without filters, reading decisions and profiles, and a few using the API.

Paths are read from LOAD_PATHS_FILE (written by scripts/load_test.py from the database), so
that decisions and organisations that exist are asked for."""

import json
import os
import random

from locust import HttpUser, between, task

PATHS = json.loads(open(os.environ["LOAD_PATHS_FILE"]).read())  # noqa: SIM115
WORDS = ["homelessness", "care", "school transport", "council tax", "noise", "planning",
         "\"special educational needs\"", "delay", "complaint", "housing benefit"]  # fmt: skip
FILTERS = ["outcome=upheld", "outcome=not_upheld", "year=2021", "year=2022",
           "category=housing", "category=education"]  # fmt: skip


class Reader(HttpUser):
    wait_time = between(1, 4)  # a person reads before the next click

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(6)
    def search(self):
        query = f"q={random.choice(WORDS)}"
        if random.random() < 0.5:
            query += "&" + random.choice(FILTERS)
        self.client.get(f"/decisions/?{query}", name="search")

    @task(2)
    def browse(self):
        self.client.get(f"/decisions/?{random.choice(FILTERS)}", name="browse with a filter")

    @task(6)
    def decision(self):
        self.client.get(random.choice(PATHS["decisions"]), name="decision page")

    @task(2)
    def profile(self):
        self.client.get(random.choice(PATHS["organisations"]), name="organisation profile")

    @task(1)
    def api(self):
        self.client.get(f"/api/decisions/?q={random.choice(WORDS)}", name="JSON API")
