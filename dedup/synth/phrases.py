"""Phrase pools for outlet identities, templates and boilerplate.

Every boilerplate string of a network is composed from these pools with the network seed, so
another seed gives other outlets and other strings. "{...}" fields are filled by `outlets.py`.
"""

import sys

REGIONS = (
    "Rhein", "Elbe", "Weser", "Ostsee", "Harz", "Mosel", "Allgäu", "Spree", "Main", "Neckar",
    "Donau", "Havel", "Saale", "Eifel", "Taunus", "Nordsee", "Isar", "Lahn", "Ruhr", "Oder",
    "Werra", "Fulda", "Leine", "Aller", "Ems", "Hunte", "Jade", "Eider", "Trave", "Peene",
    "Mulde", "Unstrut", "Ilm", "Tauber", "Kocher", "Jagst", "Murg", "Kinzig", "Wupper", "Sieg",
    "Erft", "Lippe", "Hellweg", "Börde", "Altmark", "Uckermark", "Vogtland", "Erzgebirge",
    "Rhön", "Spessart", "Odenwald", "Hunsrück", "Westerwald", "Sauerland", "Emsland", "Heide",
)

MASTHEADS = (
    ("Post", "f"), ("Kurier", "m"), ("Bote", "m"), ("Zeitung", "f"), ("Anzeiger", "m"),
    ("Rundschau", "f"), ("Tagblatt", "n"), ("Nachrichten", "pl"), ("Echo", "n"), ("Blatt", "n"),
    ("Stimme", "f"), ("Presse", "f"), ("Merkur", "m"), ("Volksblatt", "n"), ("Morgen", "m"),
    ("Abendblatt", "n"), ("Depesche", "f"), ("Chronik", "f"), ("Journal", "n"), ("Spiegel", "m"),
    ("Wacht", "f"), ("Warte", "f"), ("Allgemeine", "f"), ("Landeszeitung", "f"),
)
NEW = {"m": "Neuer", "f": "Neue", "n": "Neues", "pl": "Neue"}

# Section candidates per story category: (path slug, display name).
SECTIONS = {
    "politik": (
        ("politik", "Politik"), ("nachrichten", "Nachrichten"), ("deutschland-welt", "Deutschland & Welt"),
        ("welt", "Welt"), ("inland", "Inland"), ("ausland", "Ausland"), ("aktuelles", "Aktuelles"),
    ),
    "wirtschaft": (
        ("wirtschaft", "Wirtschaft"), ("finanzen", "Finanzen"), ("geld", "Geld & Job"),
        ("unternehmen", "Unternehmen"), ("boerse", "Börse"), ("verbraucher", "Verbraucher"),
    ),
    "justiz": (
        ("justiz", "Justiz"), ("recht", "Recht"), ("blaulicht", "Blaulicht"), ("panorama", "Panorama"),
        ("vermischtes", "Vermischtes"), ("kriminalitaet", "Kriminalität"),
    ),
    "panorama": (
        ("panorama", "Panorama"), ("vermischtes", "Vermischtes"), ("aus-aller-welt", "Aus aller Welt"),
        ("gesellschaft", "Gesellschaft"), ("leben", "Leben"), ("buntes", "Buntes"),
    ),
    "kultur": (
        ("kultur", "Kultur"), ("feuilleton", "Feuilleton"), ("kultur-freizeit", "Kultur & Freizeit"),
        ("buehne", "Bühne"), ("ausgehen", "Ausgehen"), ("kunst", "Kunst"),
    ),
}
LOCAL_SECTIONS = (("lokales", "Lokales"), ("region", "Region"), ("{city_slug}", "{city}"),
                  ("stadt", "Stadt"), ("heimat", "Heimat"), ("lokal", "Lokal"))

NAV_EXTRAS = ("Startseite", "E-Paper", "Abo", "Podcasts", "Videos", "Wetter", "Traueranzeigen",
              "Jobs", "Immobilien", "Veranstaltungen", "Gewinnspiele", "Leserreisen")
FOOTER_ITEMS = ("Impressum", "Datenschutz", "Kontakt", "AGB", "Cookie-Einstellungen",
                "Barrierefreiheit", "Mediadaten", "Karriere", "Abo-Service", "Leserservice",
                "Hilfe & FAQ", "Archiv", "Nutzungsbedingungen", "Redaktionsrichtlinien")
COPYRIGHT = ("© {year} {name}. Alle Rechte vorbehalten.", "© {name} {year}",
             "Copyright © {year} {publisher}", "{publisher} · {city} · © {year}",
             "© {year} {publisher}, {city}. Vervielfältigung nur mit Genehmigung.")
PUBLISHER_FORMS = ("{region} Medien GmbH & Co. KG", "Verlagsgruppe {region}", "{region}-Verlag",
                   "Mediengruppe {region} {mast}", "{region} Druck und Verlag GmbH")
DISALLOWED = ("intern", "vorschau", "redaktion", "entwurf", "drucken", "staging", "cms-preview")

CONSENT_SUBJECT = ("Wir und unsere {n} Partner", "{name} und seine {n} Partner",
                   "Wir und ausgewählte Drittanbieter", "Diese Website und unsere {n} Werbepartner")
CONSENT_VERB = ("speichern und verarbeiten", "nutzen", "verwenden", "setzen")
CONSENT_OBJECT = ("Cookies und ähnliche Technologien", "Informationen auf Ihrem Endgerät",
                  "personenbezogene Daten wie Ihre IP-Adresse", "Geräte-Kennungen und Cookies")
CONSENT_PURPOSE = ("Inhalte und Anzeigen zu personalisieren", "die Reichweite zu messen",
                   "Funktionen für soziale Medien anzubieten", "unser Angebot zu verbessern",
                   "Ihnen passende Werbung anzuzeigen", "Zugriffe auf unsere Website zu analysieren",
                   "Betrug vorzubeugen", "eingebettete Inhalte von Drittanbietern darzustellen",
                   "Nutzungsprofile zu erstellen", "die Sicherheit der Website zu gewährleisten")
CONSENT_BUTTON = ("Akzeptieren", "Alle akzeptieren", "Zustimmen", "Einverstanden", "OK")
CONSENT_CONSENT = ("Mit einem Klick auf „{button}“ willigen Sie in diese Verarbeitung ein{third}.",
                   "Wenn Sie „{button}“ wählen, stimmen Sie der Verarbeitung zu{third}.",
                   "Durch Klicken auf „{button}“ erteilen Sie Ihre Einwilligung{third}.")
CONSENT_THIRD = ("", ", die auch in Drittländern wie den USA erfolgen kann",
                 ", auch zu Zwecken der Werbung", ", die Sie jederzeit widerrufen können")
CONSENT_REVOKE = ("Ihre Einwilligung können Sie jederzeit über den Link „{settings}“ am Seitenende widerrufen.",
                  "Sie können Ihre Auswahl jederzeit unter „{settings}“ ändern oder widerrufen.",
                  "Unter „{settings}“ passen Sie Ihre Einstellungen jederzeit an.")
CONSENT_SETTINGS = ("Cookie-Einstellungen", "Privatsphäre", "Datenschutz-Einstellungen", "Einwilligungen verwalten")
CONSENT_MORE = ("Weitere Informationen finden Sie in unserer Datenschutzerklärung und im Impressum.",
                "Details finden Sie in der Datenschutzinformation von {name}.",
                "Mehr dazu lesen Sie in unserer Cookie-Richtlinie.",
                "Einige Partner verarbeiten Ihre Daten auf Grundlage eines berechtigten Interesses, dem Sie widersprechen können.")
CONSENT_LINKS = ("Datenschutzerklärung", "Einstellungen", "Ablehnen", "Nur notwendige Cookies", "Impressum")

AD_LONG_HEAD = ("Weiterlesen", "Lesen Sie weiter", "Der Artikel geht weiter", "Es geht weiter",
                "Mehr", "Fortsetzung")
AD_LONG_TAIL = ("nach der Anzeige", "nach der Werbung", "unter der Anzeige", "nach dem Werbeblock")
AD_SHORT = ("Anzeige", "Werbung", "ANZEIGE", "Sponsored", "Advertorial", "WERBUNG")
LIVEBLOG_HEAD = ("Alle aktuellen News und Entwicklungen", "Alle Entwicklungen", "Die neuesten Nachrichten",
                 "Aktuelle Informationen und Hintergründe", "Alles Wichtige", "Die aktuelle Lage")
LIVEBLOG_TAIL = ("im Liveblog", "in unserem Liveblog", "im Newsblog", "im Ticker", "im Newsticker")
LIVEBLOG_FORM = ("+++ {head} {tail} +++", "+++ {head} {tail} +++", ">>> {head} {tail}", "Live: {head} {tail}")
GROUP_CODES = ("RND", "FMG", "MDS", "NOZ", "SVH", "DDV", "VRM", "NWZ", "SHZ", "KSTA", "WAZ", "HAZ")
AGENCIES = (("AP",), ("dpa",), ("AFP",), ("Reuters",), ("dpa", "AFP"), ("dpa", "AP"), ("epd",), ("KNA",))
VIDEO_SOURCES = ("Reuters", "Reuters", "dpa", "AFP", "AP")

NEWSLETTER_LEAD = ("Abonnieren Sie unseren kostenlosen Newsletter „{nl}“", "Jetzt anmelden: „{nl}“",
                   "Bestellen Sie den Newsletter „{nl}“", "Holen Sie sich „{nl}“",
                   "Unser Newsletter „{nl}“")
NEWSLETTER_NAME = ("{short} am Morgen", "Der Tag in {city}", "{short} kompakt", "Das Wichtigste",
                   "Abendlage", "{city} am Abend", "Hauptstadt-Radar", "{short} Update", "Frühstücksbrief")
NEWSLETTER_BENEFIT = ("die wichtigsten Nachrichten des Tages jeden Morgen in Ihrem Postfach",
                      "alles Wichtige aus {city} und der Region, kompakt zusammengefasst",
                      "unsere Redaktion sortiert für Sie die Themen des Tages",
                      "Hintergründe, Analysen und Kommentare – kostenlos und jederzeit abbestellbar",
                      "montags bis freitags um 6 Uhr, kostenlos",
                      "der Überblick zum Feierabend mit den besten Geschichten aus {city}")
NEWSLETTER_FORM = ("{lead} – {benefit}.", "{lead}: {benefit}.", "{lead}. Darin: {benefit}.")

SHARE_LEAD = ("Artikel teilen:", "Diesen Artikel teilen:", "Jetzt teilen:", "Teilen Sie diesen Beitrag:",
              "Empfehlen:", "Teilen:")
SHARE_NETWORKS = ("Facebook", "X", "WhatsApp", "E-Mail", "LinkedIn", "Threads", "Telegram",
                  "Pinterest", "Flipboard", "Xing")

READ_ALSO = ("Lesen Sie auch:", "Auch interessant:", "Mehr zum Thema:", "Lesetipp:",
             "Zum Weiterlesen:", "Das könnte Sie auch interessieren:", "Passend dazu:")
TEASER_INTRO = ("Mehr aus dem Ressort:", "Weitere Artikel:", "Top-Themen:", "Das lesen andere:",
                "Neu bei {name}:", "Auch wichtig:", "Empfehlungen der Redaktion:")
MOST_READ = ("Meistgelesen", "Top 5", "Beliebte Artikel", "Am meisten gelesen", "Leser-Favoriten",
             "Aktuell im Trend")
UPDATED = ("Aktualisiert am {date}, {time} Uhr", "Zuletzt aktualisiert: {date} um {time} Uhr",
           "Update: {longdate}, {dottime} Uhr", "Stand: {date}, {time} Uhr",
           "aktualisiert {date} - {time} Uhr", "Erstellt: {date}, {time} Uhr")
BYLINE = ("Von {name}", "Ein Beitrag von {name}", "Text: {name}", "Von {name}, {city}", "{name}")
DATELINE = ("{City}. ", "{CITY} ({agency}) – ", "{City} ({agency}) - ", "{City} – ", "{City}/{agency}. ", "")
CREDIT = ("{group}/{agencies}", "{agencies}", "{agencies}/{region}", "Mit Material von {agencies}",
          "{group}/{agencies}/{initials}")
REGION_CODES = ("lni", "lnw", "lby", "lsw", "lhe", "lrs", "lsn", "lmv", "lbn", "lth")
TITLE_FORMS = ("{title} | {name}", "{title} - {name}", "{title} – {section} – {name}", "{name}: {title}")
DATE_FORMS = ("{date}, {time} Uhr", "{longdate}, {dottime} Uhr", "{date} | {time}", "veröffentlicht am {date}")
PREVIEW_TEXT = ("Interner Vorschaubereich der Redaktion. Inhalte auf dieser Seite sind nicht zur Veröffentlichung bestimmt.",
                "Entwurfsansicht – bitte nicht verlinken und nicht indexieren.",
                "Druckvorstufe: Diese Seite dient nur der internen Abstimmung.")

# Class-name synonyms per template role; `outlets.py` adds a per-outlet prefix.
CLASS_ROLES = {
    "header": ("header", "kopf", "masthead", "top", "siteheader"),
    "logo": ("logo", "brand", "marke", "title", "wordmark"),
    "nav": ("nav", "menu", "navigation", "mainnav", "ressorts"),
    "consent": ("consent", "cmp", "cookie", "privacy", "dsgvo"),
    "crumbs": ("breadcrumb", "crumbs", "pfad", "path", "trail"),
    "article": ("article", "story", "beitrag", "post", "artikel", "detail"),
    "head": ("head", "intro", "kopfzeile", "header", "top"),
    "body": ("body", "text", "copy", "richtext", "inhalt", "content"),
    "para": ("text", "p", "paragraph", "absatz", "copytext", "txt"),
    "meta": ("meta", "info", "datum", "dateline", "zeit"),
    "byline": ("byline", "autor", "author", "verfasser", "by"),
    "ad": ("ad", "werbung", "adslot", "banner", "promo", "commercial"),
    "adlabel": ("adlabel", "ad-hint", "werbehinweis", "label", "marker"),
    "video": ("video", "media", "player", "embed", "clip"),
    "teaser": ("teaser", "related", "more", "weiterlesen", "recommend", "empfehlung"),
    "box": ("box", "note", "hint", "module", "infobox", "widget"),
    "newsletter": ("newsletter", "nl", "signup", "abo", "subscribe"),
    "share": ("share", "social", "teilen", "sharing", "tools"),
    "credit": ("credit", "source", "quelle", "agentur", "copyright"),
    "updated": ("updated", "stand", "aktualisiert", "modified", "timestamp"),
    "aside": ("aside", "sidebar", "rail", "marginal", "spalte"),
    "footer": ("footer", "fuss", "bottom", "sitefooter", "foot"),
    "page": ("page", "wrapper", "site", "container", "layout"),
    "list": ("list", "liste", "stream", "feed", "items"),
}

# In-body boilerplate of `NetworkSpec.inbody` networks (`inbody.py`): the spellings real outlets use.
TEASER_LEADS = ("Auch interessant:", "Lesen Sie auch:", "LESEN SIE AUCH:", "Mehr zum Thema:", "Lesen Sie dazu auch:",
                "Lesen Sie auch", "AUCH INTERESSANT:", "MEHR ZUM THEMA:", "Auch lesenswert:", "Lesetipp:",
                "Passend zum Thema:", "Zum Thema:", "» Lesen Sie auch:", "Weiterlesen:", "Mehr dazu:",
                "Das könnte Sie auch interessieren:", "Lesen Sie hier:", "LESEN SIE DAZU AUCH:")
RELATED_LEADS = ("Mehr zum Thema", "Auch interessant", "Das könnte Sie auch interessieren", "Weitere Artikel zum Thema",
                 "Lesen Sie auch", "MEHR ZUM THEMA", "Zum Thema", "Passend dazu", "Mehr aus dem Ressort")
VIDEO_PREFIX = ("Video: ", "VIDEO: ", "Im Video: ", "Video | ", "Video – ")
PHOTO_PREFIX = ("Foto: ", "Bild: ", "", "", "")
CAPTION_SUFFIX = (" (Quelle: {agency})", " (Quelle: {agency})", " | Quelle: {agency}", " (Foto: {agency})", " © {agency}")
CAPTION_AGENCIES = ("dpa", "dpa", "Reuters", "AFP", "AP", "epd")
CREDIT_LINE = ("Quelle: {agency}", "Quelle: {agency}", "Quelle: {agency}", "Quellen: {agency}")

# Page strings outside the pools above (`templates.py`, `pages.py`, `feeds.py`, `inbody.py`).
UI = {
    "html_lang": "de", "feed_lang": "de-de", "home": "Startseite", "internal": "Redaktion intern",
    "home_title": "{name} – Nachrichten aus {city} und der Welt", "describe": "Nachrichten aus {city} und der Welt",
    "top": "Top-Nachrichten", "preview": "Vorschau", "archive": "archiv",
}
VIDEO_SUFFIX = CAPTION_SUFFIX  # the same draws as before video captions had a pool of their own


class EN:
    """The English pools (`NetworkSpec(language="en")`): chrome and boilerplate the way US and UK
    outlets and wire copy look (`WASHINGTON (AP) — `, `By Jane Doe, Associated Press`, `Advertisement`).
    Same names as the German pools above; `pools(language)` gives one set or the other."""

    REGIONS = (
        "Harbor", "Riverside", "Lakeshore", "Valley", "Bay", "Tri-County", "Hudson", "Mercer", "Sussex",
        "Wessex", "Pennine", "Mersey", "Severn", "Tyne", "Cumbria", "Cedar", "Prairie", "Summit", "Coastal",
        "Mountain", "Northern", "Southern", "Capital", "Gulf Coast", "Piedmont", "Ozark", "Cascade", "Sierra",
        "Chesapeake", "Delta", "Heartland", "Highland", "Borders", "Fenland", "Solent", "Dales", "Wolds",
        "Weald", "Marches", "Lowcountry", "Keystone", "Sound", "Lakeland", "Peak", "Moorland", "Bluegrass",
        "Pinewood", "Granite", "Redwood", "Iron Range", "Westside", "Eastern", "Midland", "Ashford", "Kingsbridge",
    )
    MASTHEADS = (
        "Herald", "Gazette", "Courier", "Tribune", "Chronicle", "Post", "Times", "Journal", "Record", "Sentinel",
        "Observer", "Examiner", "Star", "Dispatch", "Ledger", "Telegraph", "Echo", "Argus", "Mercury", "Leader",
        "Advertiser", "Bulletin", "Register", "Press", "Express", "Standard", "Review", "Inquirer", "Beacon",
        "Clarion",
    )
    NAME_FORMS = ("The {region} {mast}", "The {region} {mast}", "{region} {mast}", "{region} Daily {mast}",
                  "The {region} {mast}-{mast2}", "{region} Evening {mast}", "The Daily {mast} of {region}")
    CITIES = (
        "Springfield", "Dayton", "Toledo", "Spokane", "Tacoma", "Boise", "Fresno", "Tulsa", "Wichita", "Omaha",
        "Des Moines", "Madison", "Lansing", "Albany", "Syracuse", "Hartford", "Providence", "Portland", "Savannah",
        "Knoxville", "Chattanooga", "Lexington", "Louisville", "Richmond", "Norfolk", "Raleigh", "Asheville",
        "Tallahassee", "Mobile", "Shreveport", "Little Rock", "El Paso", "Tucson", "Reno", "Eugene", "Billings",
        "Fargo", "Duluth", "Green Bay", "Peoria", "Evansville", "Akron", "Erie", "Scranton", "Allentown", "Trenton",
        "Burlington", "Bangor", "Worcester", "Leeds", "Sheffield", "Bristol", "Nottingham", "Leicester", "Coventry",
        "Bradford", "Hull", "Plymouth", "Derby", "Norwich", "Exeter", "York", "Swansea", "Cardiff", "Aberdeen",
        "Dundee", "Inverness", "Belfast", "Sunderland", "Middlesbrough", "Preston", "Bolton", "Reading", "Oxford",
        "Cambridge", "Brighton", "Southampton", "Portsmouth", "Ipswich", "Lincoln", "Carlisle",
    )
    CAPITALS = (
        "Washington", "New York", "London", "Los Angeles", "Chicago", "Brussels", "Paris", "Berlin", "Kyiv",
        "Moscow", "Beijing", "Tokyo", "Jerusalem", "Geneva", "Ottawa", "Sydney", "Mexico City", "Seoul", "Cairo",
        "Nairobi", "New Delhi", "Johannesburg", "Houston", "Atlanta", "Miami", "San Francisco", "Edinburgh",
        "Dublin", "Rome", "Madrid", "The Hague", "Hong Kong", "Singapore", "Manchester", "Birmingham", "Denver",
    )
    FIRST = (
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Susan", "Richard", "Jessica", "Joseph", "Sarah", "Thomas", "Karen", "Christopher", "Emily",
        "Daniel", "Megan", "Matthew", "Rachel", "Anthony", "Laura", "Mark", "Amy", "Steven", "Hannah", "Andrew",
        "Olivia", "Joshua", "Grace", "Kevin", "Chloe", "Brian", "Zoe", "George", "Sophie", "Edward", "Lucy",
        "Oliver", "Harriet", "Jack", "Imogen", "Harry", "Fiona", "Callum", "Siobhan", "Rhys", "Aisha", "Darnell",
        "Keisha", "Carlos", "Maria", "Jorge", "Lucia", "Wei", "Mei", "Raj", "Priya", "Tariq", "Amira", "Dmitri",
    )
    SURNAMES = (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
        "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
        "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers",
        "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood",
        "Watson", "Brooks", "Bennett", "Gray", "Hughes", "Price", "Sanders", "Patel", "Khan", "Nguyen", "Kim",
        "Chen", "Singh", "O'Brien", "McCarthy", "Fitzgerald", "Gallagher", "Davies", "Llewellyn", "MacLeod",
        "Fraser", "Okafor", "Mensah", "Novak", "Kowalczyk", "Rossi", "Haddad", "Suzuki", "Sullivan", "Burke",
    )
    SECTIONS = {
        "politik": (("politics", "Politics"), ("news", "News"), ("us-news", "U.S. News"), ("world", "World"),
                    ("nation", "Nation"), ("uk-news", "UK News"), ("latest", "Latest")),
        "wirtschaft": (("business", "Business"), ("money", "Money"), ("economy", "Economy"),
                       ("markets", "Markets"), ("companies", "Companies"), ("consumer", "Consumer")),
        "justiz": (("crime", "Crime"), ("courts", "Courts"), ("public-safety", "Public Safety"),
                   ("crime-and-courts", "Crime & Courts"), ("law", "Law"), ("police", "Police")),
        "panorama": (("news/weird", "Offbeat"), ("lifestyle", "Lifestyle"), ("nation-world", "Nation & World"),
                     ("people", "People"), ("life", "Life"), ("trending", "Trending")),
        "kultur": (("entertainment", "Entertainment"), ("arts", "Arts"), ("culture", "Culture"),
                   ("things-to-do", "Things to Do"), ("music", "Music"), ("books", "Books")),
    }
    LOCAL_SECTIONS = (("local", "Local"), ("local-news", "Local News"), ("{city_slug}", "{city}"),
                      ("community", "Community"), ("metro", "Metro"), ("region", "Region"))
    NAV_EXTRAS = ("Home", "E-Edition", "Subscribe", "Podcasts", "Video", "Weather", "Obituaries", "Jobs",
                  "Real Estate", "Events", "Contests", "Puzzles & Games", "Sports", "Opinion")
    FOOTER_ITEMS = ("About Us", "Privacy Policy", "Contact Us", "Terms of Service", "Cookie Settings",
                    "Accessibility", "Advertise With Us", "Careers", "Subscriber Services", "Help Center",
                    "Archives", "Terms of Use", "Ethics Policy", "Corrections", "Site Map")
    COPYRIGHT = ("© {year} {name}. All rights reserved.", "© {name} {year}", "Copyright © {year} {publisher}",
                 "{publisher} · {city} · © {year}", "© {year} {publisher}, {city}. All rights reserved.")
    PUBLISHER_FORMS = ("{region} Media Group", "{region} Publishing Co.", "{region} Newspapers LLC",
                       "{region} {mast} Media Ltd", "{region} Press Holdings")
    DISALLOWED = ("internal", "preview", "newsroom", "drafts", "print", "staging", "cms-preview")

    CONSENT_FIRST = "{subject} {verb} {object} to {p0}, {p1} and {p2}."
    CONSENT_SUBJECT = ("We and our {n} partners", "{name} and its {n} partners", "We and selected third parties",
                       "This website and our {n} advertising partners")
    CONSENT_VERB = ("store and/or access", "use", "process", "collect")
    CONSENT_OBJECT = ("cookies and similar technologies", "information on your device",
                      "personal data such as your IP address", "device identifiers and cookies")
    CONSENT_PURPOSE = ("personalise content and ads", "measure audience reach", "provide social media features",
                       "improve our services", "show you relevant advertising", "analyse traffic to our website",
                       "prevent fraud", "display embedded content from third parties", "build usage profiles",
                       "keep the website secure")
    CONSENT_BUTTON = ("Accept", "Accept all", "Agree", "I agree", "OK")
    CONSENT_CONSENT = ("By clicking “{button}”, you consent to this processing{third}.",
                       "If you select “{button}”, you agree to the processing{third}.",
                       "Click “{button}” to give your consent{third}.")
    CONSENT_THIRD = ("", ", which may also take place in third countries such as the US",
                     ", including for advertising purposes", ", which you can withdraw at any time")
    CONSENT_REVOKE = ("You can withdraw your consent at any time via the “{settings}” link at the bottom of the page.",
                      "You can change or withdraw your choices at any time under “{settings}”.",
                      "Adjust your preferences at any time under “{settings}”.")
    CONSENT_SETTINGS = ("Cookie settings", "Privacy settings", "Manage preferences", "Manage consent")
    CONSENT_MORE = ("For more information, see our privacy policy and terms of use.",
                    "Details can be found in the {name} privacy notice.", "Read more in our cookie policy.",
                    "Some partners process your data on the basis of legitimate interest, which you can object to.")
    CONSENT_LINKS = ("Privacy policy", "Settings", "Reject all", "Necessary cookies only", "Do Not Sell My Info")

    AD_LONG_HEAD = ("Story continues", "Article continues", "Continue reading", "The story continues",
                    "Content continues", "Story continues")
    AD_LONG_TAIL = ("below advertisement", "below this ad", "after the advertisement", "below the ad")
    AD_SHORT = ("Advertisement", "ADVERTISEMENT", "Ad", "Sponsored", "Sponsored content", "Advertisement")
    LIVEBLOG_HEAD = ("Follow the latest updates", "All the latest developments", "The latest news",
                     "Live coverage and analysis", "Everything you need to know", "What we know so far")
    LIVEBLOG_TAIL = ("on our live blog", "in our live blog", "on our live page", "in our live updates",
                     "as it happens")
    LIVEBLOG_FORM = ("LIVE: {head} {tail}", "Live updates: {head} {tail}", ">> {head} {tail}", "LIVE | {head} {tail}")
    GROUP_CODES = ("GNS", "TNS", "MNG", "LEE", "NQ", "JPI", "REACH", "CNHI", "MCT", "SCRIPPS", "NEWSQUEST", "HEARST")
    AGENCIES = (("AP",), ("Reuters",), ("AFP",), ("AP", "Reuters"), ("AP",), ("PA",), ("Reuters",), ("Bloomberg",))
    AGENCY_NAMES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "Agence France-Presse",
                    "PA": "PA Media", "Bloomberg": "Bloomberg"}
    VIDEO_SOURCES = ("Reuters", "Reuters", "AP", "AFP", "AP")

    NEWSLETTER_LEAD = ("Sign up for our free {nl} newsletter", "Subscribe to {nl}", "Get {nl} in your inbox",
                       "Don't miss {nl}", "Our newsletter {nl}")
    NEWSLETTER_NAME = ("{short} Morning Briefing", "The Day in {city}", "{short} Today", "The Essentials",
                       "Evening Update", "{city} After Dark", "Capitol Report", "{short} Update", "The Breakfast Brief")
    NEWSLETTER_BENEFIT = ("the day's top stories delivered every morning", "all the news from {city} and the region in one place",
                          "our editors pick the stories you need to know", "analysis, opinion and more, free and easy to cancel",
                          "weekdays at 6 a.m., free", "the best stories from {city} to end your day")
    NEWSLETTER_FORM = ("{lead} – {benefit}.", "{lead}: {benefit}.", "{lead}. Inside: {benefit}.")

    SHARE_LEAD = ("Share this article:", "Share this story:", "Share:", "Share via:", "Share on:", "Spread the word:")
    SHARE_NETWORKS = ("Facebook", "X", "WhatsApp", "Email", "LinkedIn", "Threads", "Reddit", "Bluesky",
                      "Flipboard", "Copy link")

    READ_ALSO = ("Read more:", "Also read:", "Related:", "Don't miss:", "Recommended:", "You may also like:",
                 "More on this:")
    TEASER_INTRO = ("More from the section:", "More stories:", "Top stories:", "What others are reading:",
                    "New at {name}:", "Also important:", "Editor's picks:")
    MOST_READ = ("Most read", "Top 5", "Most popular", "Most viewed", "Readers' favourites", "Trending now")
    UPDATED = ("Updated {date}, {time} ET", "Last updated: {date} at {time}", "Updated: {longdate} {dottime} GMT",
               "Updated {date} {time}", "updated {date} - {time}", "Published: {date}, {time}")
    BYLINE = ("By {name}", "By {name}", "Story by {name}", "By {name}, {city}", "{name}")
    WIRE_BYLINE = ("By {name}, {agency}", "By {name}, {agency}", "By {name} | {agency}", "{name}, {agency}",
                   "By {NAME}, {agency}")
    DATELINE = ("{CITY} ({agency}) — ", "{CITY} ({agency}) - ", "{CITY} ({agency}) — ", "{CITY} — ",
                "{City} ({agency}) - ", "")
    CREDIT = ("{paper}/{agencies}", "{agencies}", "{agencies_long} contributed to this report.",
              "With reporting from {agencies}", "{paper} staff and {agencies}")
    REGION_CODES = ("", "", "", "", "", "", "", "", "", "")
    TITLE_FORMS = ("{title} | {name}", "{title} - {name}", "{title} – {section} – {name}", "{name}: {title}")
    DATE_FORMS = ("{date}, {time}", "{longdate}, {dottime} GMT", "{date} | {time}", "published {date}")
    PREVIEW_TEXT = ("Internal newsroom preview. Content on this page is not for publication.",
                    "Draft view – please do not link or index.",
                    "Pre-press: this page is for internal review only.")
    CLASS_ROLES = {
        "header": ("header", "masthead", "top", "siteheader", "banner"),
        "logo": ("logo", "brand", "title", "wordmark", "flag"),
        "nav": ("nav", "menu", "navigation", "mainnav", "sections"),
        "consent": ("consent", "cmp", "cookie", "privacy", "gdpr"),
        "crumbs": ("breadcrumb", "crumbs", "path", "trail", "kicker"),
        "article": ("article", "story", "entry", "post", "content-article", "detail"),
        "head": ("head", "intro", "headline-wrap", "header", "top"),
        "body": ("body", "text", "copy", "richtext", "story-body", "content"),
        "para": ("text", "p", "paragraph", "graf", "copytext", "txt"),
        "meta": ("meta", "info", "date", "dateline", "time"),
        "byline": ("byline", "author", "writer", "credit-author", "by"),
        "ad": ("ad", "advert", "adslot", "banner", "promo", "commercial"),
        "adlabel": ("adlabel", "ad-hint", "ad-notice", "label", "marker"),
        "video": ("video", "media", "player", "embed", "clip"),
        "teaser": ("teaser", "related", "more", "read-more", "recommend", "promo-list"),
        "box": ("box", "note", "hint", "module", "infobox", "widget"),
        "newsletter": ("newsletter", "nl", "signup", "inline-signup", "subscribe"),
        "share": ("share", "social", "share-tools", "sharing", "tools"),
        "credit": ("credit", "source", "attribution", "agency", "copyright"),
        "updated": ("updated", "timestamp", "last-updated", "modified", "time"),
        "aside": ("aside", "sidebar", "rail", "right-rail", "column"),
        "footer": ("footer", "foot", "bottom", "sitefooter", "colophon"),
        "page": ("page", "wrapper", "site", "container", "layout"),
        "list": ("list", "headlines", "stream", "feed", "items"),
    }
    UI = {
        "html_lang": "en", "feed_lang": "en-us", "home": "Home", "internal": "Newsroom only",
        "home_title": "{name} – News from {city} and around the world", "describe": "News from {city} and around the world",
        "top": "Top Stories", "preview": "Preview", "archive": "archive",
    }
    # Headline variants of wire copies: Reuters' update prefixes, AP and UK kickers.
    KICKERS = ("UPDATE 1-", "UPDATE 2-", "UPDATE 3-", "EXCLUSIVE-", "BREAKING: ", "EXPLAINER: ", "Analysis: ",
               "LIVE: ", "WATCH: ", "Latest: ", "FACT CHECK: ")

    # In-body boilerplate (`inbody.py`).
    TEASER_LEADS = ("Read more:", "RELATED:", "READ MORE:", "Related:", "See also:", "Also read:", "Read more",
                    "READ MORE", "Related", "RELATED", "SEE ALSO:", "ALSO READ:", "Read More:", "MORE:",
                    "Related coverage:", "Read next:", "Don't miss:", "» Read more:")
    RELATED_LEADS = ("More on this story", "Related stories", "Related", "More coverage", "MORE ON THIS STORY",
                     "Related coverage", "You might also like", "Read more", "More from this section")
    VIDEO_PREFIX = ("Video: ", "VIDEO: ", "WATCH: ", "Watch: ", "Video | ")
    PHOTO_PREFIX = ("Photo: ", "FILE - ", "", "", "")
    CAPTION_SUFFIX = (" (AP Photo/{photographer})", " (AP Photo/{photographer})", " (AP Photo/{photographer}, File)",
                      " (Reuters/{photographer})", " REUTERS/{photographer}", " (Photo: {photographer}/{agency})",
                      " Photo: {photographer}/{agency}")
    VIDEO_SUFFIX = (" (Source: {agency})", " (Source: {agency})", " | Source: {agency}", " Credit: {agency}",
                    " (Video: {agency})")
    CAPTION_AGENCIES = ("AP", "AP", "Reuters", "AFP", "PA", "Bloomberg")
    CREDIT_LINE = ("Source: {agency}", "Source: {agency}", "SOURCE: {agency}", "Sources: {agency}")


CONSENT_FIRST = "{subject} {verb} {object}, um {p0}, {p1} und {p2}."


def pools(language: str):
    """The phrase pools of `language`: this module's German ones, or `EN`."""
    if language == "en":
        return EN
    return sys.modules[__name__]
