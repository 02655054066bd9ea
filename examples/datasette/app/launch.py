"""Seed the sample databases, write metadata.json from the environment, exec Datasette.

usage: launch.py STATE_DIR PORT    (run with the venv's python; see ../start.sh for the env vars)
"""
import json
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
state, port = sys.argv[1], sys.argv[2]
faults = {f.strip() for f in os.environ.get("EXAMPLE_FAULTS", "").split(",") if f.strip()}

# Fresh databases every start (same rows, same ids).
sys.argv = ["seed_dbs.py", state]
runpy.run_path(os.path.join(HERE, "seed_dbs.py"), run_name="__main__")

ship_target = "/fleet/ships" if "legacy-wrong-target" in faults else "/fleet/ships/{id}"
redirects = [] if "no-legacy-redirects" in faults else [
    {"from": r"^/ships$", "to": "/fleet/ships", "status": 301},
    {"from": r"^/ships/(?P<id>[0-9]+)$", "to": ship_target, "status": 301},
    {"from": r"^/ports/(?P<id>[0-9]+)$", "to": "/fleet/ports/{id}", "status": 301},
    {"from": r"^/stations$", "to": "/weather/stations", "status": 301},
    {"from": r"^/stations/(?P<id>[a-z]+)$", "to": "/weather/stations/{id}", "status": 301},
]
metadata = {
    "title": "Example data",
    "databases": {
        "fleet": {"title": "fleet", "tables": {}},
        "weather": {"title": "weather"},
    },
    "plugins": {"legacy-redirects": {"redirects": redirects}},
}
if "hide-voyages" in faults:
    # Permission-denied table: gone from the database page and index, 403 on its pages.
    metadata["databases"]["fleet"]["tables"]["voyages"] = {"allow": False}

user, password = os.environ.get("DATASETTE_USERNAME"), os.environ.get("DATASETTE_PASSWORD")
if user and password:
    from datasette_auth_passwords.utils import hash_password

    # The hash reaches Datasette through the environment ($env); metadata.json holds no secret.
    os.environ["EXAMPLE_DS_PASSWORD_HASH"] = hash_password(password)
    metadata["plugins"]["datasette-auth-passwords"] = {
        f"{user}_password_hash": {"$env": "EXAMPLE_DS_PASSWORD_HASH"},
    }
    metadata["allow"] = {"id": user}  # anonymous: 403 everywhere except /-/login

meta_path = os.path.join(state, "metadata.json")
with open(meta_path, "w") as f:
    json.dump(metadata, f, indent=2)

args = [
    os.path.join(os.path.dirname(sys.executable), "datasette"), "serve",
    os.path.join(state, "fleet.db"), os.path.join(state, "weather.db"),
    "--host", "127.0.0.1", "--port", port,
    "--metadata", meta_path,
    "--plugins-dir", os.path.join(HERE, "plugins"),
]
if "no-crumbs" in faults:
    args += ["--template-dir", os.path.join(HERE, "faults", "no_crumbs")]
os.execv(args[0], args)
