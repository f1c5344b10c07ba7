"""German vocabulary for generated news text: names, places, nouns, verbs, adverbials.

Nouns carry their gender ("m", "f", "n", "pl"); verbs are (infinitive, present 3sg, past 3sg,
participle); adjectives are stems that take the declension ending. Lists are large so that
different stories rarely share a phrase longer than a few words.
"""

FIRST_F = (
    "Anna", "Julia", "Laura", "Lea", "Sarah", "Katharina", "Lisa", "Johanna", "Miriam", "Sabine",
    "Petra", "Claudia", "Andrea", "Nicole", "Stefanie", "Susanne", "Birgit", "Monika", "Ursula",
    "Heike", "Kerstin", "Silke", "Anja", "Tanja", "Sandra", "Melanie", "Christina", "Franziska",
    "Carolin", "Theresa", "Marlene", "Helene", "Clara", "Paula", "Greta", "Ida", "Nora", "Elif",
    "Aylin", "Zeynep", "Natalia", "Olga", "Irina", "Agnieszka", "Fatma", "Leonie", "Vanessa",
    "Jana", "Svenja", "Wiebke", "Imke", "Frauke", "Gesine", "Dörte", "Hanna", "Sophie", "Antje",
    "Barbara", "Gabriele", "Renate", "Bettina", "Cornelia", "Dagmar", "Elke", "Friederike",
    "Inga", "Karin", "Maren", "Nadine", "Regina", "Ulrike", "Verena", "Yvonne", "Annika",
)

FIRST_M = (
    "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Frank", "Jürgen", "Uwe",
    "Klaus", "Peter", "Wolfgang", "Matthias", "Tobias", "Florian", "Sebastian", "Jan", "Lukas",
    "Felix", "Jonas", "Maximilian", "Niklas", "Philipp", "Simon", "David", "Daniel", "Alexander",
    "Martin", "Ralf", "Holger", "Dirk", "Jens", "Torsten", "Carsten", "Sven", "Olaf", "Bernd",
    "Hans", "Dieter", "Helmut", "Werner", "Günter", "Rainer", "Volker", "Hendrik", "Malte",
    "Jannik", "Mehmet", "Murat", "Ahmet", "Piotr", "Tomasz", "Dmitri", "Igor", "Luca", "Marco",
    "Benedikt", "Konstantin", "Moritz", "Paul", "Henrik", "Ole", "Till", "Johannes", "Georg",
    "Harald", "Ingo", "Kai", "Lars", "Norbert", "Oliver", "Reinhard", "Axel", "Björn", "Detlef",
)

SURNAMES = (
    "Keller", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
    "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
    "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
    "Vogel", "Friedrich", "Keil", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck",
    "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter",
    "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß",
    "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler", "Kuhn",
    "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold",
    "Wolff", "Pfeiffer", "Brinkmann", "Ostermann", "Dreyer", "Kowalski", "Yılmaz", "Demir",
    "Nowak", "Petrović", "Rossi", "Hinrichs", "Janssen", "Ehlers", "Harms", "Claußen", "Rademacher",
    "Lindner", "Eckert", "Brenner", "Wendt", "Tiedemann", "Marquardt", "Reuter", "Stolz",
    "Gerlach", "Kessler", "Rieger", "Sander", "Thiele", "Ulrich", "Wiegand", "Zander", "Falk",
)

CITIES = (
    "Bremen", "Hannover", "Kassel", "Göttingen", "Oldenburg", "Osnabrück", "Bielefeld", "Münster",
    "Dortmund", "Essen", "Bochum", "Duisburg", "Krefeld", "Aachen", "Bonn", "Koblenz", "Trier",
    "Mainz", "Wiesbaden", "Darmstadt", "Mannheim", "Heidelberg", "Karlsruhe", "Freiburg", "Ulm",
    "Augsburg", "Regensburg", "Passau", "Würzburg", "Bamberg", "Bayreuth", "Erfurt", "Jena",
    "Weimar", "Gera", "Halle", "Magdeburg", "Dessau", "Potsdam", "Cottbus", "Rostock", "Schwerin",
    "Greifswald", "Stralsund", "Kiel", "Lübeck", "Flensburg", "Husum", "Celle", "Lüneburg",
    "Hildesheim", "Wolfsburg", "Salzgitter", "Goslar", "Paderborn", "Detmold", "Siegen",
    "Marburg", "Gießen", "Fulda", "Hanau", "Offenbach", "Worms", "Speyer", "Landau", "Pforzheim",
    "Tübingen", "Reutlingen", "Konstanz", "Ravensburg", "Kempten", "Rosenheim", "Landshut",
    "Ingolstadt", "Erlangen", "Fürth", "Coburg", "Hof", "Plauen", "Zwickau", "Chemnitz",
    "Görlitz", "Bautzen", "Meißen", "Wittenberg", "Stendal", "Neubrandenburg", "Wismar",
    "Emden", "Leer", "Aurich", "Cuxhaven", "Stade", "Verden", "Nienburg", "Minden", "Herford",
    "Gütersloh", "Hamm", "Soest", "Lippstadt", "Arnsberg", "Iserlohn", "Hagen", "Solingen",
    "Remscheid", "Neuss", "Mönchengladbach", "Viersen", "Düren", "Euskirchen", "Siegburg",
    "Limburg", "Wetzlar", "Bad Homburg", "Friedberg", "Aschaffenburg", "Schweinfurt", "Ansbach",
)

CAPITALS = (
    "Washington", "Berlin", "Paris", "London", "Brüssel", "Kiew", "Moskau", "Peking", "Tokio",
    "Rom", "Madrid", "Wien", "Bern", "Ankara", "Kairo", "Neu-Delhi", "Brasília", "Warschau",
    "Prag", "Budapest", "Athen", "Lissabon", "Stockholm", "Oslo", "Kopenhagen", "Helsinki",
    "Den Haag", "Dublin", "Ottawa", "Canberra", "Seoul", "Jerusalem", "Beirut", "Nairobi",
    "Pretoria", "Mexiko-Stadt", "Buenos Aires", "Santiago", "Bogotá", "Hanoi", "Bangkok",
    "Jakarta", "Manila", "Teheran", "Bagdad", "Riad", "Doha", "Tunis", "Rabat", "Vilnius",
    "Riga", "Tallinn", "Bukarest", "Sofia", "Belgrad", "Zagreb", "Ljubljana", "Bratislava",
    "New York", "Genf", "Straßburg", "Luxemburg", "Hamburg", "München", "Frankfurt", "Köln",
    "Stuttgart", "Düsseldorf", "Dresden", "Leipzig", "Nürnberg", "Karlsruhe",
)

DISTRICTS = (
    "Altstadt", "Neustadt", "Südstadt", "Weststadt", "Oststadt", "Innenstadt", "Hafenviertel",
    "Bahnhofsviertel", "Nordviertel", "Schlossviertel", "Unterstadt", "Oberstadt", "Gartenstadt",
    "Vorstadt", "Kernstadt", "Uferviertel", "Domviertel", "Bergviertel", "Wiesengrund", "Auenviertel",
)

# Adjective stems: the declension ending is appended.
ADJ = (
    "neu", "geplant", "umstritten", "zusätzlich", "öffentlich", "regional", "zentral", "digital",
    "langfristig", "kommunal", "gemeinsam", "jährlich", "vorläufig", "aktuell", "bisherig",
    "zuständig", "künftig", "ehemalig", "städtisch", "staatlich", "europäisch", "marod", "teur",
    "einmalig", "umfangreich", "ursprünglich", "überarbeitet", "erweitert", "verschärft",
    "gelockert", "befristet", "unbefristet", "landesweit", "bundesweit", "örtlich", "hiesig",
    "vergleichbar", "ungewöhnlich", "kurzfristig", "mittelfristig", "verbindlich", "freiwillig",
    "gesetzlich", "vertraglich", "finanziell", "technisch", "rechtlich", "politisch", "sozial",
    "ökologisch", "wirtschaftlich", "kulturell", "historisch", "modern", "klein", "groß",
    "schnell", "langsam", "deutlich", "knapp", "breit", "schmal", "niedrig", "früher",
    "später", "erst", "zweit", "letzt", "nächst", "übrig", "weiter", "ander", "wichtig",
    "dringend", "schwierig", "einfach", "transparent", "nachhaltig", "sicher", "unsicher",
    "kostspielig", "günstig", "vollständig", "sorgfältig", "gründlich", "offen",
    "geheim", "vertraulich", "anonym", "schriftlich", "mündlich", "heftig", "scharf", "leis",
    "laut", "zäh", "überraschend", "erwartet", "angekündigt", "verspätet", "pünktlich",
)

NOUNS = {
    "m": (
        "Antrag", "Bericht", "Plan", "Vertrag", "Haushalt", "Streit", "Entwurf", "Beschluss",
        "Vorschlag", "Neubau", "Umbau", "Ausbau", "Standort", "Zuschuss", "Kompromiss",
        "Einsatz", "Vorfall", "Zeitplan", "Prozess", "Termin", "Auftrag", "Kredit", "Etat",
        "Fonds", "Rahmen", "Katalog", "Leitfaden", "Wettbewerb", "Zugang", "Radweg", "Spielplatz",
        "Parkplatz", "Bahnhof", "Friedhof", "Marktplatz", "Kreisverkehr", "Tunnel", "Deich",
        "Hafen", "Flughafen", "Windpark", "Solarpark", "Kindergarten", "Sportplatz", "Festsaal",
        "Verein", "Verband", "Ausschuss", "Beirat", "Vorstand", "Betriebsrat", "Gutachter",
        "Verdacht", "Vorwurf", "Schaden", "Unfall", "Brand", "Einbruch",
        "Diebstahl", "Betrug", "Protest", "Streik", "Umzug", "Abriss", "Verkauf", "Kauf",
        "Umsatz", "Gewinn", "Verlust", "Preis", "Tarif", "Lohn", "Mangel", "Engpass", "Andrang",
    ),
    "f": (
        "Regelung", "Reform", "Entscheidung", "Studie", "Umfrage", "Förderung", "Sanierung",
        "Erweiterung", "Genehmigung", "Forderung", "Klage", "Anklage", "Prüfung", "Untersuchung",
        "Strategie", "Kooperation", "Investition", "Satzung", "Planung", "Vorlage",
        "Ausschreibung", "Versammlung", "Sitzung", "Abstimmung", "Mehrheit", "Koalition",
        "Fraktion", "Verwaltung", "Behörde", "Schule", "Kita", "Klinik", "Brücke", "Straße",
        "Halle", "Bibliothek", "Ausstellung", "Premiere", "Aufführung", "Saison", "Bilanz",
        "Prognose", "Krise", "Debatte", "Kritik", "Zusage", "Absage", "Frist", "Gebühr",
        "Steuer", "Miete", "Rente", "Stelle", "Ausbildung", "Einrichtung", "Anlage", "Leitung",
        "Baustelle", "Umleitung", "Sperrung", "Kontrolle", "Razzia", "Festnahme", "Durchsuchung",
        "Verhandlung", "Vereinbarung", "Beschwerde", "Petition", "Initiative", "Kampagne",
    ),
    "n": (
        "Gesetz", "Projekt", "Konzept", "Verfahren", "Gutachten", "Programm", "Budget",
        "Vorhaben", "Urteil", "Abkommen", "Angebot", "Verbot", "Bündnis", "Gremium", "Gebäude",
        "Rathaus", "Krankenhaus", "Museum", "Theater", "Stadion", "Schwimmbad", "Quartier",
        "Gelände", "Grundstück", "Netz", "Werk", "Lager", "Unternehmen", "Startup", "Institut",
        "Ministerium", "Parlament", "Gericht", "Amt", "Büro", "Team", "Festival", "Konzert",
        "Turnier", "Spiel", "Ergebnis", "Defizit", "Plus", "Minus", "Risiko", "Problem", "Ziel",
        "Signal", "Interview", "Treffen", "Gespräch", "Votum", "Mandat", "Moratorium", "Paket",
        "Sondervermögen", "Bußgeld", "Ermittlungsverfahren", "Bauprojekt", "Wohngebiet",
    ),
}

COMPOUND_PREFIXES = (
    "Bau", "Schul", "Verkehrs", "Haushalts", "Energie", "Wasser", "Rad", "Klima", "Miet",
    "Steuer", "Kita", "Hafen", "Stadt", "Landes", "Bundes", "Wohnungs", "Gesundheits", "Kultur",
    "Sport", "Sicherheits", "Umwelt", "Digital", "Personal", "Forschungs", "Bildungs", "Pflege",
    "Nahverkehrs", "Abfall", "Brandschutz", "Denkmal", "Lärm", "Wald", "Straßen", "Brücken",
    "Bahn", "Strom", "Wärme", "Hochwasser", "Küsten", "Grund", "Gewerbe", "Tourismus", "Jugend",
    "Senioren", "Integrations", "Polizei", "Feuerwehr", "Justiz", "Kliniken", "Spar", "Förder",
    "Innovations", "Export", "Agrar", "Fischerei", "Forst", "Wein", "Kunst", "Musik", "Theater",
)

COMPOUND_HEADS = (
    ("plan", "m"), ("streit", "m"), ("vertrag", "m"), ("bericht", "m"), ("antrag", "m"),
    ("etat", "m"), ("ausschuss", "m"), ("gipfel", "m"), ("kompromiss", "m"), ("entwurf", "m"),
    ("fonds", "m"), ("zuschuss", "m"), ("beirat", "m"), ("standort", "m"), ("skandal", "m"),
    ("reform", "f"), ("förderung", "f"), ("sanierung", "f"), ("strategie", "f"),
    ("debatte", "f"), ("initiative", "f"), ("offensive", "f"), ("behörde", "f"),
    ("abgabe", "f"), ("prüfung", "f"), ("planung", "f"), ("kommission", "f"), ("bilanz", "f"),
    ("krise", "f"), ("verordnung", "f"), ("konferenz", "f"), ("kampagne", "f"), ("pauschale", "f"),
    ("gesetz", "n"), ("projekt", "n"), ("konzept", "n"), ("programm", "n"), ("budget", "n"),
    ("gutachten", "n"), ("verfahren", "n"), ("paket", "n"), ("bündnis", "n"), ("forum", "n"),
    ("netzwerk", "n"), ("zentrum", "n"), ("register", "n"), ("moratorium", "n"), ("portal", "n"),
)

# (infinitive, present 3sg, past 3sg, participle); all take an accusative object.
VERBS = (
    ("prüfen", "prüft", "prüfte", "geprüft"), ("fordern", "fordert", "forderte", "gefordert"),
    ("kritisieren", "kritisiert", "kritisierte", "kritisiert"),
    ("bestätigen", "bestätigt", "bestätigte", "bestätigt"),
    ("beschließen", "beschließt", "beschloss", "beschlossen"),
    ("präsentieren", "präsentiert", "präsentierte", "präsentiert"),
    ("verteidigen", "verteidigt", "verteidigte", "verteidigt"),
    ("unterstützen", "unterstützt", "unterstützte", "unterstützt"),
    ("verschieben", "verschiebt", "verschob", "verschoben"),
    ("genehmigen", "genehmigt", "genehmigte", "genehmigt"),
    ("finanzieren", "finanziert", "finanzierte", "finanziert"), ("planen", "plant", "plante", "geplant"),
    ("begrüßen", "begrüßt", "begrüßte", "begrüßt"),
    ("beantragen", "beantragt", "beantragte", "beantragt"),
    ("untersuchen", "untersucht", "untersuchte", "untersucht"),
    ("verlangen", "verlangt", "verlangte", "verlangt"),
    ("bezweifeln", "bezweifelt", "bezweifelte", "bezweifelt"),
    ("befürworten", "befürwortet", "befürwortete", "befürwortet"),
    ("erwarten", "erwartet", "erwartete", "erwartet"),
    ("veröffentlichen", "veröffentlicht", "veröffentlichte", "veröffentlicht"),
    ("diskutieren", "diskutiert", "diskutierte", "diskutiert"),
    ("beraten", "berät", "beriet", "beraten"), ("bewerten", "bewertet", "bewertete", "bewertet"),
    ("verbessern", "verbessert", "verbesserte", "verbessert"),
    ("erweitern", "erweitert", "erweiterte", "erweitert"),
    ("verlängern", "verlängert", "verlängerte", "verlängert"),
    ("stoppen", "stoppt", "stoppte", "gestoppt"), ("erhöhen", "erhöht", "erhöhte", "erhöht"),
    ("senken", "senkt", "senkte", "gesenkt"), ("kürzen", "kürzt", "kürzte", "gekürzt"),
    ("ändern", "ändert", "änderte", "geändert"),
    ("überarbeiten", "überarbeitet", "überarbeitete", "überarbeitet"),
    ("beenden", "beendet", "beendete", "beendet"), ("starten", "startet", "startete", "gestartet"),
    ("organisieren", "organisiert", "organisierte", "organisiert"),
    ("dokumentieren", "dokumentiert", "dokumentierte", "dokumentiert"),
    ("analysieren", "analysiert", "analysierte", "analysiert"),
    ("bemängeln", "bemängelt", "bemängelte", "bemängelt"),
    ("korrigieren", "korrigiert", "korrigierte", "korrigiert"),
    ("kommentieren", "kommentiert", "kommentierte", "kommentiert"),
    ("koordinieren", "koordiniert", "koordinierte", "koordiniert"),
    ("sanieren", "saniert", "sanierte", "saniert"),
    ("modernisieren", "modernisiert", "modernisierte", "modernisiert"),
    ("reformieren", "reformiert", "reformierte", "reformiert"),
    ("verabschieden", "verabschiedet", "verabschiedete", "verabschiedet"),
    ("blockieren", "blockiert", "blockierte", "blockiert"),
    ("akzeptieren", "akzeptiert", "akzeptierte", "akzeptiert"),
    ("ignorieren", "ignoriert", "ignorierte", "ignoriert"),
    ("empfehlen", "empfiehlt", "empfahl", "empfohlen"),
    ("verwerfen", "verwirft", "verwarf", "verworfen"),
    ("beanstanden", "beanstandet", "beanstandete", "beanstandet"),
    ("bekräftigen", "bekräftigt", "bekräftigte", "bekräftigt"),
    ("verurteilen", "verurteilt", "verurteilte", "verurteilt"),
    ("bestreiten", "bestreitet", "bestritt", "bestritten"),
    ("erläutern", "erläutert", "erläuterte", "erläutert"),
    ("begründen", "begründet", "begründete", "begründet"),
    ("vergeben", "vergibt", "vergab", "vergeben"),
    ("übernehmen", "übernimmt", "übernahm", "übernommen"),
    ("unterzeichnen", "unterzeichnet", "unterzeichnete", "unterzeichnet"),
    ("verschärfen", "verschärft", "verschärfte", "verschärft"),
    ("lockern", "lockert", "lockerte", "gelockert"),
    ("bewilligen", "bewilligt", "bewilligte", "bewilligt"),
    ("verhandeln", "verhandelt", "verhandelte", "verhandelt"),
    ("ermitteln", "ermittelt", "ermittelte", "ermittelt"),
    ("verkaufen", "verkauft", "verkaufte", "verkauft"),
    ("erwerben", "erwirbt", "erwarb", "erworben"),
    ("eröffnen", "eröffnet", "eröffnete", "eröffnet"),
    ("schließen", "schließt", "schloss", "geschlossen"),
    ("vorbereiten", "bereitet vor", "bereitete vor", "vorbereitet"),
    ("verlegen", "verlegt", "verlegte", "verlegt"), ("sichern", "sichert", "sicherte", "gesichert"),
    ("gefährden", "gefährdet", "gefährdete", "gefährdet"),
    ("verzögern", "verzögert", "verzögerte", "verzögert"),
    ("beschleunigen", "beschleunigt", "beschleunigte", "beschleunigt"),
    ("bündeln", "bündelt", "bündelte", "gebündelt"), ("testen", "testet", "testete", "getestet"),
    ("melden", "meldet", "meldete", "gemeldet"), ("zählen", "zählt", "zählte", "gezählt"),
    ("ausweiten", "weitet aus", "weitete aus", "ausgeweitet"),
    ("einfordern", "fordert ein", "forderte ein", "eingefordert"),
    ("anfechten", "ficht an", "focht an", "angefochten"),
    ("zurückweisen", "weist zurück", "wies zurück", "zurückgewiesen"),
)

SAY = (
    "sagte", "erklärte", "betonte", "ergänzte", "unterstrich", "warnte", "meinte", "versicherte",
    "bekräftigte", "schrieb", "erläuterte", "berichtete", "hob hervor", "stellte klar",
)

SAY_THAT = (
    "betonte", "kündigte an", "teilte mit", "räumte ein", "erklärte", "sagte", "bestätigte",
    "wies darauf hin", "machte deutlich", "gab zu bedenken",
)

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
DAYPARTS = ("", "morgen", "vormittag", "mittag", "nachmittag", "abend")
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
)
TIME_FIXED = (
    "in der vergangenen Woche", "bereits im Frühjahr", "seit Monaten", "bis Ende des Jahres",
    "im kommenden Jahr", "noch in diesem Monat", "zuletzt", "inzwischen", "bislang",
    "nach wie vor", "vorerst", "zunächst", "in den kommenden Wochen", "bis zum Sommer",
    "seit dem Wochenende", "vor wenigen Tagen", "in der Nacht", "am späten Abend",
    "gegen Mittag", "kurz vor Mitternacht", "nach langem Streit", "überraschend schnell",
    "erst nach Wochen", "im zweiten Anlauf", "ohne Gegenstimme", "mit knapper Mehrheit",
)

ADVERBS = (
    "erneut", "ausdrücklich", "deutlich", "grundsätzlich", "vorsichtig", "scharf", "einstimmig",
    "mehrheitlich", "kurzfristig", "offiziell", "vorläufig", "eindringlich", "öffentlich",
    "schriftlich", "gemeinsam", "ebenfalls", "ausführlich", "knapp", "zügig", "zögerlich",
)

PEOPLE_PL = (
    "Anwohner", "Beschäftigte", "Mitglieder", "Teilnehmer", "Besucher", "Demonstranten",
    "Fahrgäste", "Eltern", "Beamte", "Schüler", "Studierende", "Patienten", "Mieter", "Landwirte",
    "Händler", "Gastwirte", "Pendler", "Radfahrer", "Ehrenamtliche", "Pflegekräfte", "Lehrkräfte",
    "Einsatzkräfte", "Zuschauer", "Fans", "Kunden", "Anleger", "Gläubiger", "Wähler", "Delegierte",
)

# Roles per category as (masculine, feminine) forms, used without article before a name.
ROLES = {
    "politik": (
        ("Bürgermeister", "Bürgermeisterin"), ("Minister", "Ministerin"), ("Landrat", "Landrätin"),
        ("Fraktionschef", "Fraktionschefin"), ("Abgeordneter", "Abgeordnete"),
        ("Staatssekretär", "Staatssekretärin"), ("Regierungssprecher", "Regierungssprecherin"),
        ("Parteichef", "Parteichefin"), ("Außenminister", "Außenministerin"),
    ),
    "wirtschaft": (
        ("Geschäftsführer", "Geschäftsführerin"), ("Vorstandschef", "Vorstandschefin"),
        ("Betriebsratschef", "Betriebsratschefin"), ("Finanzvorstand", "Finanzvorständin"),
        ("Firmensprecher", "Firmensprecherin"), ("Ökonom", "Ökonomin"),
        ("Kammerpräsident", "Kammerpräsidentin"), ("Gewerkschafter", "Gewerkschafterin"),
    ),
    "justiz": (
        ("Richter", "Richterin"), ("Staatsanwalt", "Staatsanwältin"), ("Verteidiger", "Verteidigerin"),
        ("Oberstaatsanwalt", "Oberstaatsanwältin"), ("Gerichtssprecher", "Gerichtssprecherin"),
        ("Anwalt", "Anwältin"), ("Gutachter", "Gutachterin"), ("Nebenklagevertreter", "Nebenklagevertreterin"),
    ),
    "panorama": (
        ("Polizeisprecher", "Polizeisprecherin"), ("Einsatzleiter", "Einsatzleiterin"),
        ("Feuerwehrsprecher", "Feuerwehrsprecherin"), ("Augenzeuge", "Augenzeugin"),
        ("Meteorologe", "Meteorologin"), ("Ortsvorsteher", "Ortsvorsteherin"),
        ("Notarzt", "Notärztin"), ("Bahnsprecher", "Bahnsprecherin"),
    ),
    "kultur": (
        ("Intendant", "Intendantin"), ("Kurator", "Kuratorin"), ("Regisseur", "Regisseurin"),
        ("Museumsdirektor", "Museumsdirektorin"), ("Dirigent", "Dirigentin"),
        ("Festivalleiter", "Festivalleiterin"), ("Autor", "Autorin"), ("Kulturdezernent", "Kulturdezernentin"),
    ),
}

# Organisations per category as (name, gender); "{city}" is filled with a place.
ORGS = {
    "politik": (
        ("Stadtrat {city}", "m"), ("Stadtverwaltung", "f"), ("Landesregierung", "f"),
        ("Kreistag", "m"), ("Bundesregierung", "f"), ("Opposition", "f"), ("Landtag", "m"),
        ("Innenministerium", "n"), ("Bauausschuss", "m"), ("Rathauskoalition", "f"),
        ("Regierung in {city}", "f"), ("Außenministerium in {city}", "n"),
    ),
    "wirtschaft": (
        ("{name} AG", "f"), ("{name} GmbH", "f"), ("{name}-Gruppe", "f"), ("Stadtwerke {city}", "pl"),
        ("Industrie- und Handelskammer", "f"), ("Gewerkschaft", "f"), ("Sparkasse {city}", "f"),
        ("Handwerkskammer", "f"), ("Betriebsrat", "m"), ("Konzern", "m"), ("Aufsichtsrat", "m"),
    ),
    "justiz": (
        ("Landgericht {city}", "n"), ("Amtsgericht {city}", "n"), ("Staatsanwaltschaft {city}", "f"),
        ("Oberlandesgericht", "n"), ("Verteidigung", "f"), ("Nebenklage", "f"), ("Strafkammer", "f"),
        ("Bundesgerichtshof", "m"), ("Verwaltungsgericht {city}", "n"), ("Schwurgericht", "n"),
    ),
    "panorama": (
        ("Polizei", "f"), ("Feuerwehr", "f"), ("Polizeidirektion {city}", "f"), ("Wetterdienst", "m"),
        ("Rettungsdienst", "m"), ("Landeskriminalamt", "n"), ("Ordnungsamt", "n"), ("Bahn", "f"),
        ("Katastrophenschutz", "m"), ("Gesundheitsamt", "n"),
    ),
    "kultur": (
        ("Stadttheater {city}", "n"), ("Landesmuseum", "n"), ("Philharmonie", "f"), ("Kunstverein", "m"),
        ("Kulturausschuss", "m"), ("Festivalleitung", "f"), ("Stiftung", "f"), ("Stadtbibliothek", "f"),
        ("Opernhaus", "n"), ("Literaturhaus {city}", "n"),
    ),
}

# Topic nouns per category that headlines and sentences prefer.
TOPIC_NOUNS = {
    "politik": (
        ("Wahl", "f"), ("Koalitionsvertrag", "m"), ("Haushaltsentwurf", "m"), ("Misstrauensvotum", "n"),
        ("Sanktion", "f"), ("Gipfel", "m"), ("Untersuchungsausschuss", "m"), ("Wahlrecht", "n"),
        ("Rüstungsexport", "m"), ("Waffenruhe", "f"), ("Asylpaket", "n"), ("Schuldenbremse", "f"),
    ),
    "wirtschaft": (
        ("Stellenabbau", "m"), ("Tarifvertrag", "m"), ("Insolvenz", "f"), ("Übernahme", "f"),
        ("Quartalszahl", "f"), ("Werksschließung", "f"), ("Lieferkette", "f"), ("Börsengang", "m"),
        ("Preiserhöhung", "f"), ("Fusion", "f"), ("Produktion", "f"), ("Kurzarbeit", "f"),
    ),
    "justiz": (
        ("Prozess", "m"), ("Urteil", "n"), ("Anklage", "f"), ("Revision", "f"), ("Haftbefehl", "m"),
        ("Geständnis", "n"), ("Beweisaufnahme", "f"), ("Plädoyer", "n"), ("Berufung", "f"),
        ("Zeugenaussage", "f"), ("Bewährungsstrafe", "f"), ("Untersuchungshaft", "f"),
    ),
    "panorama": (
        ("Großbrand", "m"), ("Unwetter", "n"), ("Verkehrsunfall", "m"), ("Stromausfall", "m"),
        ("Hochwasser", "n"), ("Bombenfund", "m"), ("Evakuierung", "f"), ("Vermisstensuche", "f"),
        ("Zugausfall", "m"), ("Gasleck", "n"), ("Sturmschaden", "m"), ("Polizeieinsatz", "m"),
    ),
    "kultur": (
        ("Spielzeit", "f"), ("Uraufführung", "f"), ("Sammlung", "f"), ("Preisverleihung", "f"),
        ("Restaurierung", "f"), ("Lesung", "f"), ("Jubiläum", "n"), ("Sanierung", "f"),
        ("Intendanz", "f"), ("Retrospektive", "f"), ("Neuinszenierung", "f"), ("Leihgabe", "f"),
    ),
}

CATEGORIES = tuple(ROLES)
