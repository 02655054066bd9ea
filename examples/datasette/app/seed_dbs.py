"""Build the sample SQLite databases (fleet.db, weather.db) into DIR. Deterministic, fast."""
import os
import sqlite3
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

FLEET = """
CREATE TABLE ports (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL);
CREATE TABLE ships (id INTEGER PRIMARY KEY, name TEXT NOT NULL, built INTEGER,
                    home_port_id INTEGER REFERENCES ports(id));
CREATE TABLE voyages (id INTEGER PRIMARY KEY, ship_id INTEGER NOT NULL REFERENCES ships(id),
                      from_port_id INTEGER REFERENCES ports(id),
                      to_port_id INTEGER REFERENCES ports(id),
                      departed TEXT NOT NULL);
"""
PORTS = [(1, "Rotterdam", "NL"), (2, "Hamburg", "DE"), (3, "Antwerp", "BE"), (4, "Valencia", "ES"),
         (5, "Piraeus", "GR")]
SHIPS = [(1, "Northern Light", 2004, 1), (2, "Sea Lark", 2011, 2), (3, "Albatross", 1998, 3),
         (4, "Blue Heron", 2016, 1), (5, "Tern", 2020, 4), (6, "Kittiwake", 2009, 5)]
VOYAGES = [(1, 1, 1, 2, "2024-01-05"), (2, 2, 2, 3, "2024-01-09"), (3, 3, 3, 4, "2024-02-01"),
           (4, 4, 1, 5, "2024-02-11"), (5, 5, 4, 1, "2024-03-02"), (6, 6, 5, 2, "2024-03-15"),
           (7, 1, 2, 1, "2024-03-20"), (8, 2, 3, 5, "2024-04-04")]
WEATHER = """
CREATE TABLE stations (id TEXT PRIMARY KEY, name TEXT NOT NULL, elevation_m INTEGER);
CREATE TABLE readings (id INTEGER PRIMARY KEY, station_id TEXT NOT NULL REFERENCES stations(id),
                       day TEXT NOT NULL, temp_c REAL, rain_mm REAL);
"""
STATIONS = [("ams", "Amsterdam Schiphol", -3), ("ber", "Berlin Tempelhof", 48),
            ("mad", "Madrid Retiro", 667)]
READINGS = [(i + 1, s, f"2024-05-0{d}", t, r) for i, (s, d, t, r) in enumerate([
    ("ams", 1, 14.2, 0.0), ("ams", 2, 15.1, 2.4), ("ber", 1, 17.0, 0.0), ("ber", 2, 18.3, 0.6),
    ("mad", 1, 24.9, 0.0), ("mad", 2, 26.1, 0.0)])]

for name, ddl, fills in [
    ("fleet", FLEET, [("ports", PORTS), ("ships", SHIPS), ("voyages", VOYAGES)]),
    ("weather", WEATHER, [("stations", STATIONS), ("readings", READINGS)]),
]:
    path = os.path.join(out, f"{name}.db")
    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite3.connect(tmp)
    db.executescript(ddl)
    for table, rows in fills:
        db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
    db.commit()
    db.close()
    os.replace(tmp, path)
