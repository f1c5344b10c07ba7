"""Phrase pools for outlet identities, templates and boilerplate.

Every boilerplate string of a network is composed from these pools with the network seed, so
another seed gives other outlets and other strings. "{...}" fields are filled by `outlets.py`.
"""

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
