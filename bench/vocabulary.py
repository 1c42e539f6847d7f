"""Names and weights the benchmark generator draws from (bench/generate.py)."""

# North Savo (Pohjois-Savo, region 11): code, Finnish and Swedish name, population
# (rounded, 2024) as the weight of each municipality's share of the data, and centre.
MUNICIPALITIES = [
    ("140", "Iisalmi", "Idensalmi", 20700, 63.557, 27.190, "Iisalmen"),
    ("171", "Joroinen", "Jorois", 4600, 62.179, 27.827, "Joroisten"),
    ("204", "Kaavi", "Kaavi", 2800, 62.976, 28.480, "Kaavin"),
    ("239", "Keitele", "Keitele", 2100, 63.177, 26.349, "Keiteleen"),
    ("263", "Kiuruvesi", "Kiuruvesi", 7600, 63.652, 26.620, "Kiuruveden"),
    ("297", "Kuopio", "Kuopio", 125000, 62.892, 27.678, "Kuopion"),
    ("402", "Lapinlahti", "Lapinlahti", 9300, 63.366, 27.390, "Lapinlahden"),
    ("420", "Leppävirta", "Leppävirta", 9500, 62.491, 27.787, "Leppävirran"),
    ("595", "Pielavesi", "Pielavesi", 4300, 63.238, 26.758, "Pielaveden"),
    ("686", "Rautalampi", "Rautalampi", 3000, 62.623, 26.834, "Rautalammin"),
    ("687", "Rautavaara", "Rautavaara", 1500, 63.494, 28.300, "Rautavaaran"),
    ("749", "Siilinjärvi", "Siilinjärvi", 21500, 63.075, 27.660, "Siilinjärven"),
    ("762", "Sonkajärvi", "Sonkajärvi", 3700, 63.670, 27.521, "Sonkajärven"),
    ("778", "Suonenjoki", "Suonenjoki", 7000, 62.625, 27.123, "Suonenjoen"),
    ("844", "Tervo", "Tervo", 1500, 62.955, 26.753, "Tervon"),
    ("857", "Tuusniemi", "Tuusniemi", 2400, 62.811, 28.491, "Tuusniemen"),
    ("915", "Varkaus", "Varkaus", 20000, 62.315, 27.873, "Varkauden"),
    ("921", "Vesanto", "Vesanto", 1900, 62.930, 26.413, "Vesannon"),
    ("925", "Vieremä", "Vieremä", 3600, 63.743, 27.002, "Vieremän"),
]
# Fallback vocabularies, the same ids as the exchange-format sample, used only when
# the database has none (no load_reference_data command yet).
TOPICS = [
    ("liikunta", "Liikunta ja urheilu", "Motion och idrott", "Sports and exercise"),
    ("kulttuuri", "Kulttuuri ja taide", "Kultur och konst", "Culture and arts"),
    ("sosiaali-terveys", "Sosiaali- ja terveysala", "Social- och hälsovård", "Social and health"),
    ("potilas-vammais", "Potilas- ja vammaisjärjestöt", "Patientorganisationer", "Patients"),
    ("mielenterveys-paihde", "Mielenterveys- ja päihdetyö", "Mentalvård", "Mental health"),
    ("nuoriso", "Nuoriso", "Ungdom", "Youth"),
    ("lapsiperheet", "Lapsiperheet", "Barnfamiljer", "Families with children"),
    ("ikaihmiset", "Ikäihmiset ja eläkeläisjärjestöt", "Äldre", "Older people"),
    ("kyla-asukas", "Kylä- ja asukastoiminta", "Byverksamhet", "Village activities"),
    ("ymparisto", "Ympäristö ja luonto", "Miljö och natur", "Environment and nature"),
    ("metsastys-kalastus", "Metsästys ja kalastus", "Jakt och fiske", "Hunting and fishing"),
    ("maanpuolustus", "Maanpuolustus", "Försvar och beredskap", "National defence"),
    ("aatteelliset", "Uskonnolliset ja aatteelliset", "Religiösa och ideella", "Religious"),
    ("kansainvalisyys", "Kansainvälisyys", "Internationalism", "Internationalism"),
    ("koulutus", "Koulutus ja opintotoiminta", "Utbildning", "Education"),
    ("vapaaehtoistoiminta", "Vapaaehtoistoiminta", "Frivilligverksamhet", "Volunteering"),
]
AUDIENCES = [
    ("lapset", "Lapset", "Barn", "Children"),
    ("nuoret", "Nuoret", "Unga", "Young people"),
    ("lapsiperheet", "Lapsiperheet", "Barnfamiljer", "Families with children"),
    ("aikuiset", "Aikuiset", "Vuxna", "Adults"),
    ("seniorit", "Ikäihmiset", "Äldre", "Older people"),
    ("omaishoitajat", "Omaishoitajat", "Närståendevårdare", "Family carers"),
    ("maahanmuuttajat", "Maahanmuuttajat", "Invandrare", "Immigrants"),
    ("vammaiset", "Vammaiset henkilöt", "Personer med funktionsnedsättning", "Disabled people"),
    ("viittomakieliset", "Kuurot ja viittomakieliset", "Teckenspråkiga", "Sign language users"),
    ("tyottomat", "Työttömät", "Arbetslösa", "Unemployed people"),
]
LANGUAGES = [
    ("fi", "suomi", "finska", "Finnish"),
    ("sv", "ruotsi", "svenska", "Swedish"),
    ("en", "englanti", "engelska", "English"),
    ("fse", "suomalainen viittomakieli", "finskt teckenspråk", "Finnish Sign Language"),
    ("ru", "venäjä", "ryska", "Russian"),
    ("ar", "arabia", "arabiska", "Arabic"),
    ("uk", "ukraina", "ukrainska", "Ukrainian"),
]

ORG_KINDS = [
    "Eläkeläiset ry",
    "Urheiluseura ry",
    "Kyläyhdistys ry",
    "Mielenterveysseura ry",
    "Reumayhdistys ry",
    "Kuoro ry",
    "Metsästysseura ry",
    "Partiolaiset ry",
    "Marttayhdistys ry",
    "Omaishoitajat ry",
    "Sydänyhdistys ry",
    "Nuorisoseura ry",
    "Kotiseutuyhdistys ry",
    "Taideyhdistys ry",
    "4H-yhdistys ry",
    "Vanhempainyhdistys ry",
    "Luonnonsuojeluyhdistys ry",
    "Ampumaseura ry",
    "Kalastusseura ry",
    "SPR:n osasto",
]
PLACE_KINDS = [
    "kirjasto",
    "seurakuntatalo",
    "nuorisotalo",
    "koulu",
    "kylätalo",
    "urheiluhalli",
    "uimahalli",
    "kulttuuritalo",
    "monitoimitalo",
    "palvelukeskus",
    "työväentalo",
    "VPK-talo",
]
EVENT_KINDS = [
    ("Tuolijumppa", "Kevyttä liikuntaa istuen, sopii kaikille."),
    ("Konsertti", "Kuoron ja soittajien yhteinen konsertti."),
    ("Vertaistukiryhmä", "Avoin keskusteluryhmä vertaistuen merkeissä."),
    ("Luontoretki", "Opastettu retki lähiluontoon, omat eväät mukaan."),
    ("Kirpputori", "Kirpputori ja kahvio, myyntipaikat ilmoittautumalla."),
    ("Perhekahvila", "Lapsiperheiden kohtaamispaikka, leikkiä ja kahvia."),
    ("Yleinen kokous", "Yhdistyksen sääntömääräinen kokous."),
    ("Lentopalloturnaus", "Leikkimielinen turnaus, joukkueet ilmoittautuvat etukäteen."),
    ("Tietoiskuilta", "Asiantuntija kertoo ajankohtaisista aiheista."),
    ("Laulukerho", "Yhteislaulua tutuista lauluista."),
    ("Taidenäyttely", "Paikallisten taiteilijoiden näyttely."),
    ("Kyläjuhla", "Koko kylän juhla ohjelmineen ja arpajaisineen."),
    ("Digiopastus", "Apua älypuhelimen ja tietokoneen käyttöön."),
    ("Ensiapukurssi", "Hätäensiavun peruskurssi, todistus suorittaneille."),
    ("Tanssit", "Lavatanssit elävän musiikin tahdissa."),
    ("Lukupiiri", "Keskustellaan kuukauden kirjasta."),
]
STREETS = ["Kauppakatu", "Koulutie", "Kirkkotie", "Asemakatu", "Rantatie", "Puistokatu"]
PRICES = ["5 €", "10 €", "5–15 €", "20 €", "2 €", "Vapaaehtoinen maksu"]
ACCESS = ["wheelchair", "induction_loop", "accessible_toilet", "accessible_parking"]
STATUSES = [("EventScheduled", 955), ("EventCancelled", 30), ("EventPostponed", 10),
            ("EventRescheduled", 5)]  # fmt: skip
