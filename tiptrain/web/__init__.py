"""The web application (SPEC 9): FastAPI pages, calendar feeds and a JSON API over the register."""
