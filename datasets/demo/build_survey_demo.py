"""Write the demo survey's past rounds (survey-2016.csv, survey-2018.csv) and their
question mappings (survey-<year>-mapping.csv), invented answers in the shape the importer reads.

Deterministic: a fixed seed, so running it again gives the same files.
    .venv/bin/python datasets/demo/build_survey_demo.py
"""

import csv
import math
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20162018
# Municipality codes of North Savo weighted by their associations, roughly.
TOWNS = {
    "297": 40,
    "915": 12,
    "140": 10,
    "749": 8,
    "778": 5,
    "204": 4,
    "686": 4,
    "762": 4,
    "402": 3,
    "420": 3,
    "595": 3,
    "844": 2,
    "857": 2,
    "921": 2,
    "925": 2,
    "171": 3,
    "239": 2,
    "263": 2,
    "687": 1,
}
TOPICS = {
    "liikunta": 20,
    "kulttuuri": 12,
    "sosiaali-terveys": 10,
    "potilas-vammais": 8,
    "ikaihmiset": 8,
    "kyla-asukas": 10,
    "nuoriso": 5,
    "lapsiperheet": 5,
    "metsastys-kalastus": 6,
    "vapaaehtoistoiminta": 4,
    "aatteelliset": 4,
}
COLUMNS = [
    "members",
    "finances",
    "funding",
    "premises",
    "cooperation",
    "volunteers",
    "volunteer-trend",
    "new-volunteers",
    "future",
]
IDEAS = [
    "Lyhyet, kertaluonteiset tehtävät",
    "Yhteistyö oppilaitosten kanssa",
    "Parempi näkyvyys",
    "Perehdytys ja koulutus",
    "Kiitos ja yhteinen kahvihetki",
]


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def respondent(rng, year, number):
    # 2018 a little better off than 2016, volunteers a little fewer: a visible trend.
    shift = 0.15 if year == 2018 else 0.0
    row = {
        "respondent": f"{year}-{number:03d}",
        "municipality": pick(rng, TOWNS),
        "topic": pick(rng, TOPICS),
    }
    row["members"] = str(max(3, int(math.exp(rng.gauss(4.0, 1.1)))))
    row["finances"] = rng.choices(["good", "fair", "poor"], [0.3 + shift, 0.45, 0.25 - shift])[0]
    funding = [
        f
        for f, p in [
            ("fees", 0.85),
            ("municipal", 0.55),
            ("stea", 0.15),
            ("sales", 0.5),
            ("donations", 0.3),
        ]
        if rng.random() < p
    ]
    row["funding"] = ";".join(funding)
    row["premises"] = rng.choices(["yes", "partly", "no"], [0.5, 0.3, 0.2])[0]
    row["cooperation"] = (
        str(rng.choices([1, 2, 3, 4, 5], [5, 15, 35, 30, 15])[0]) if year == 2018 else ""
    )
    row["volunteers"] = str(max(0, int(rng.gauss(25, 12))))
    trend = rng.choices(["grown", "same", "declined"], [0.2, 0.45, 0.35 + shift])[0]
    row["volunteer-trend"] = trend
    row["new-volunteers"] = rng.choice(IDEAS) if trend == "declined" and rng.random() < 0.5 else ""
    row["future"] = str(rng.choices([1, 2, 3, 4, 5], [4, 12, 34, 35, 15])[0])
    return row


def main():
    rng = random.Random(SEED)
    for year, count in ((2016, 163), (2018, 187)):
        rows = [respondent(rng, year, n) for n in range(1, count + 1)]
        columns = ["respondent", "municipality", "topic"] + [
            c for c in COLUMNS if not (year == 2016 and c == "cooperation")
        ]
        with (HERE / f"survey-{year}.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        with (HERE / f"survey-{year}-mapping.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["column", "question", "version"])
            writer.writerows([c, c, "1"] for c in columns[3:])


if __name__ == "__main__":
    main()
