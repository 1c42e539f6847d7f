"""The demo's materials library: five workshop summaries and a survey report.

The source documents link these as PDFs we do not have, so the demo writes its own: a
few pages of plausible Finnish text each, drawn by WeasyPrint when `load_demo` runs,
then added through the library's import (checked, stored, text extracted) like any file.
Each has a fixed public id, so loading twice adds nothing.
"""

import tempfile
from pathlib import Path

from django.utils.html import escape

from materials.imports import Entry, documents_import, extract_now
from materials.models import Document, Kind

WORKSHOPS = {
    # municipality code: (name, locative, what the workshop dwelt on)
    "420": ("Leppävirta", "Leppävirralla", "kyläyhdistysten ja seurakunnan yhteiset tilat"),
    "686": ("Rautalampi", "Rautalammilla", "ikäihmisten liikuntaryhmät ja kuljetukset"),
    "778": ("Suonenjoki", "Suonenjoella", "nuorten harrastukset ja mansikkakauden vapaaehtoiset"),
    "844": (
        "Tervo",
        "Tervossa",
        "kokoontumistilojen maksuton käyttö ja yhteinen tapahtumakalenteri",
    ),
    "402": ("Lapinlahti", "Lapinlahdella", "taiteen ja kulttuurin keinot hyvinvoinnin tukena"),
}

SURVEY_ID = "demo:material-survey-2018"
STYLE = """
@page { size: A4; margin: 2.2cm; @bottom-center { content: "Sivu " counter(page); } }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; margin-top: 0; }
section { break-after: page; }
"""


def _pdf(title: str, sections: list[tuple[str, list[str]]], *, tagged: bool = True) -> bytes:
    from weasyprint import HTML

    pages = [
        f"<section><h2>{escape(heading)}</h2>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</section>"
        for heading, paragraphs in sections
    ]
    html = (
        f"<html lang='fi'><head><title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{''.join(pages)}</body></html>"
    )
    return HTML(string=html).write_pdf(pdf_tags=tagged)


def _workshop(name: str, locative: str, theme: str) -> list[tuple[str, list[str]]]:
    return [
        (
            "Työpajan tarkoitus",
            [
                f"Hyvinvoinnin ja terveyden edistämisen työpaja pidettiin {locative} "
                "syksyllä 2019 osana Sakke-hankkeen järjestöstrategiatyötä.",
                "Työpajaan kutsuttiin paikallisten yhdistysten toimijoita, kunnan "
                "hyvinvointikoordinaattori sekä seurakunnan ja sivistystoimen edustajia.",
                "Tavoitteena oli koota yhteen, miten kunta ja järjestöt voivat yhdessä "
                "edistää asukkaiden hyvinvointia ja terveyttä.",
            ],
        ),
        (
            "Nykytila ja vahvuudet",
            [
                f"{name} on aktiivisten yhdistysten kunta: liikunta-, kyläyhdistys- ja "
                "eläkeläistoiminta tavoittavat suuren osan asukkaista.",
                "Vahvuuksina nähtiin tuttuus, lyhyet välimatkat päättäjiin ja "
                "vapaaehtoisten sitoutuminen. Haasteena on uusien tekijöiden löytäminen "
                "ja tiedon kulku yhdistysten välillä.",
            ],
        ),
        (
            "Kehittämisehdotukset",
            [
                f"Keskustelussa korostui erityisesti teema: {theme}.",
                "Yhdistykset toivoivat kunnalta selkeää yhteyshenkilöä, ajantasaista "
                "avustusten hakukalenteria ja tilojen varaamista verkossa.",
                "Kunta lupasi selvittää yhteisen järjestöillan järjestämisen kahdesti "
                "vuodessa ja tiedottaa avustuksista hyvissä ajoin.",
            ],
        ),
        (
            "Seuraavat askeleet",
            [
                "Työpajan tulokset viedään hyvinvointikertomuksen valmisteluun ja "
                "järjestöstrategian toimenpideohjelmaan.",
                "Seuraava yhteinen tapaaminen pidetään keväällä, jolloin arvioidaan, "
                "miten sovitut asiat ovat edenneet.",
            ],
        ),
    ]


SURVEY = [
    (
        "Kyselyn toteutus",
        [
            "Pohjois-Savon järjestökysely toteutettiin verkkokyselynä keväällä 2018. "
            "Kyselyyn vastasi 312 yhdistystä kaikista maakunnan kunnista.",
            "Vastaajista suurin osa oli pieniä, täysin vapaaehtoisvoimin toimivia "
            "yhdistyksiä; palkattua henkilöstöä oli joka kymmenennellä.",
        ],
    ),
    (
        "Toiminnan edellytykset",
        [
            "Tärkeimpinä toiminnan edellytyksinä mainittiin edulliset kokoontumistilat, "
            "uudet vapaaehtoiset ja kunnan avustukset.",
            "Vuoteen 2016 verrattuna huoli jäsenmäärän pienenemisestä ja hallitustyön "
            "kuormittavuudesta oli kasvanut.",
        ],
    ),
    (
        "Yhteistyö kuntien kanssa",
        [
            "Kaksi kolmasosaa vastaajista teki yhteistyötä kotikuntansa kanssa. "
            "Yhteistyön esteinä nähtiin tiedon puute ja yhteyshenkilön puuttuminen.",
            "Yhdistykset toivoivat kunnilta järjestömyönteisiä käytäntöjä: "
            "maksuttomia tiloja, selkeitä avustusperiaatteita ja säännöllistä "
            "vuoropuhelua.",
        ],
    ),
    (
        "Johtopäätökset",
        [
            "Kyselyn tulokset ovat järjestöstrategian ja toimenpideohjelman 2019–2022 "
            "tausta-aineistoa. Seuraava kysely on tarkoitus toteuttaa vuonna 2021.",
        ],
    ),
]


def _entries(folder: Path, existing: set[str]) -> list[Entry]:
    """The entries not loaded yet, their PDFs written into `folder`."""
    entries = []
    for code, (name, locative, theme) in WORKSHOPS.items():
        if f"demo:material-workshop-{code}" in existing:
            continue
        title = f"Hyvinvoinnin ja terveyden edistäminen: työpajakooste, {name}"
        path = folder / f"tyopaja-{code}.pdf"
        path.write_bytes(_pdf(title, _workshop(name, locative, theme)))
        entries.append(
            Entry(
                path=path,
                title=title,
                kind=Kind.WORKSHOP_SUMMARY,
                year=2019,
                municipalities=[code],
                topics=["sosiaali-terveys"],
                description=(
                    f"Kooste kunnan ja järjestöjen yhteisestä työpajasta {locative} vuonna "
                    "2019: nykytila, vahvuudet ja kehittämisehdotukset."
                ),
                public_id=f"demo:material-workshop-{code}",
            )
        )
    if SURVEY_ID in existing:
        return entries
    title = "Pohjois-Savon järjestökysely 2018: tulosraportti"
    path = folder / "jarjestokysely-2018.pdf"
    # Untagged, as most older reports are: its page shows the accessibility note.
    path.write_bytes(_pdf(title, SURVEY, tagged=False))
    entries.append(
        Entry(
            path=path,
            title=title,
            kind=Kind.SURVEY_REPORT,
            year=2018,
            topics=["vapaaehtoistoiminta"],
            description="Maakunnan yhdistysten kyselyn tulokset: tilat, tekijät ja yhteistyö.",
            public_id=SURVEY_ID,
        )
    )
    return entries


def materials_demo_load() -> int:
    """Add the demo documents that are not there yet; the number added."""
    existing = set(
        Document.objects.filter(public_id__startswith="demo:material-").values_list(
            "public_id", flat=True
        )
    )
    with tempfile.TemporaryDirectory(prefix="sakke-demo-materials-") as folder:
        entries = _entries(Path(folder), existing)
        if not entries:
            return 0
        documents = documents_import(entries)
    extract_now(documents)
    return len(documents)
