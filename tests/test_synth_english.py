"""English networks (`NetworkSpec(language="en")`): US/UK chrome, wire copy and in-body boilerplate
around real English prose; the prose folder is written here."""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import lxml.html
import pytest

from dedup.synth import NetworkSpec, generate_main, iter_site_files, write_network, write_pages_jsonl
from dedup.synth import phrases as P
from dedup.synth.network import Network

ROOT = Path(__file__).resolve().parents[1]
_WORDS = (
    "the council said on tuesday that its plan for new homes near the river would cost more than expected and "
    "residents who live along the main road have asked for a meeting before any work begins this summer while "
    "officials in the county agreed to review the budget after a report found that schools hospitals and bus "
    "services were short of staff during the winter months when demand was highest across the region police "
    "said a man was arrested after a crash on the bridge late on friday night and two people were taken to "
    "hospital with injuries that were not thought to be life threatening according to a spokesperson for the "
    "ambulance service which covers most of the northern towns and villages"
).split()


def _sentence(r: random.Random) -> str:
    words = [r.choice(_WORDS) for _ in range(r.randint(10, 18))] + [str(r.randint(2, 9999))]
    r.shuffle(words)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def write_english_prose(folder: Path, pages: int, paragraphs: int = 7) -> None:
    """A prose folder of `pages` English pages (headline, paragraphs, a newsletter line to drop)."""
    r = random.Random(11)
    (folder / "pages").mkdir(parents=True)
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for i in range(pages):
            paras = [" ".join(_sentence(r) for _ in range(r.randint(2, 4))) for _ in range(paragraphs)]
            title = f"Council weighs plan number {i} for river homes"
            nav = "".join(f'<li><a href="/s{k}">Section {k}</a></li>' for k in range(6))
            body = "".join(f"<p>{p}</p>" for p in paras) + "<p>Sign up for our newsletter and get every story first.</p>"
            html = (f"<html><head><title>{title} | Example Gazette</title></head><body><nav><ul>{nav}</ul></nav>"
                    f"<article><h1>{title}</h1>{body}</article><footer><p>Copyright Example Gazette</p></footer>"
                    "</body></html>")
            name = f"pages/p{i:03d}.html.gz"
            (folder / name).write_bytes(gzip.compress(html.encode(), mtime=0))
            manifest.write(json.dumps({"url": f"https://example.com/{i}", "html": name, "with": [paras[1][:30]],
                                       "without": ["Sign up for"]}) + "\n")


@pytest.fixture(scope="module")
def prose(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("english") / "prose"
    write_english_prose(folder, 60)
    return folder


def spec(prose: Path, **extra) -> NetworkSpec:
    return NetworkSpec(**{"seed": 3, "pages": 100, "outlets": 8, "prose": prose, "inbody": True,
                          "language": "en", **extra})


@cache
def _files(s: NetworkSpec) -> tuple:
    return tuple(iter_site_files(s))


def articles(prose: Path) -> list:
    return [f for f in _files(spec(prose)) if f.truth is not None]


def blocks(prose: Path, kind: str) -> list[str]:
    return [b["text"] for f in articles(prose) for b in f.truth["blocks"] if b.get("kind") == kind]


def test_english_network_is_deterministic(prose: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "pages.jsonl", tmp_path / "b" / "pages.jsonl"
    write_pages_jsonl(spec(prose), a)
    assert generate_main(["--seed", "3", "--pages", "100", "--outlets", "8", "--inbody", "--language", "en",
                          "--prose", str(prose), "--pages-jsonl", str(b), "--quiet"]) == 0
    for name in ("pages.jsonl", "truth.jsonl"):
        assert (a.parent / name).read_bytes() == (b.parent / name).read_bytes()
    first = json.loads(a.read_text(encoding="utf-8").splitlines()[0])
    assert '<html lang="en">' in first["html"]


def test_english_needs_prose_and_takes_no_templated_sentences(tmp_path: Path, prose: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="--language en needs --prose DIR with English pages"):
        NetworkSpec(language="en")
    with pytest.raises(ValueError, match="NetworkSpec.language"):
        NetworkSpec(language="fr", prose=prose)
    with pytest.raises(ValueError, match="templated"):
        NetworkSpec(language="en", prose=prose, templated=0.2)
    with pytest.raises(SystemExit):
        generate_main(["--language", "en", "--out", str(tmp_path / "x"), "--quiet"])
    assert "--language en needs --prose DIR with English pages" in capsys.readouterr().err


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return [s for v in value for s in _strings(v)]
    return []


def _german_strings() -> set[str]:
    """Every fixed German string of the pools (section names too) that no English pool has."""
    english = {e.strip() for name in dir(P.EN) if name.isupper() for e in _strings(getattr(P.EN, name))}
    german = {g.strip() for name in dir(P) if name.isupper() and name != "CLASS_ROLES"
              for g in _strings(getattr(P, name)) if "{" not in g}
    return {g for g in german if len(g) >= 4 and g not in english}


def test_no_german_chrome_left(prose: Path, tmp_path: Path) -> None:
    german = _german_strings()
    assert {"Anzeige", "Lesen Sie auch:", "Impressum", "Startseite", "Redaktion intern"} <= german
    known = ("Anzeige", "Werbung", "Lesen Sie auch", "Mehr zum Thema", "Quelle:", "Startseite", "Impressum",
             "Datenschutz", "Alle Rechte vorbehalten", "Redaktion intern", " Uhr", "Newsletter „", "Teilen",
             "Meistgelesen", "Aktualisiert", "Nachrichten aus", "Cookies und", "Einwilligung", "nach der Anzeige")
    write_network(spec(prose), tmp_path / "net")
    for path in (tmp_path / "net" / "sites").rglob("*"):
        if path.is_file():
            body = path.read_text(encoding="utf-8")
            assert not [k for k in known if k in body], path
            assert 'lang="de"' not in body and "<language>de-de" not in body
    seen = 0
    for f in articles(prose):
        for b in f.truth["blocks"]:
            if b["label"] == "boilerplate":
                seen += 1
                assert b["text"] not in german and not any(b["text"].startswith(g + " ") for g in german), b
    assert seen > 1000


def test_english_wire_copy(prose: Path) -> None:
    pages = articles(prose)
    datelines = [b["text"] for f in pages if f.truth["kind"] == "wire" for b in f.truth["blocks"]
                 if b["label"] == "article" and re.match(r"[A-Z][A-Za-z .]+ \((AP|Reuters|AFP|PA|Bloomberg)\) [—-] ",
                                                        b["text"])]
    assert any(re.match(r"[A-Z .]+ \(AP\) — ", d) for d in datelines)
    assert any(" (Reuters) - " in d for d in datelines)
    bylines = blocks(prose, "byline")
    assert any(re.fullmatch(r"By [A-Z][\w']+ [A-Z][\w']+, Associated Press", b) for b in bylines)
    assert any(re.fullmatch(r"By [A-Z][\w']+ [A-Z][\w']+", b) for b in bylines)  # local reporters
    credits = set(blocks(prose, "credit"))
    assert any(re.fullmatch(r"[A-Z][\w' -]+/(AP|Reuters|AFP|PA|Bloomberg)", c) for c in credits)  # <paper>/AP
    ads = set(blocks(prose, "ad"))
    assert ads & {"Advertisement", "ADVERTISEMENT"} or any("continues below" in a for a in ads)
    assert any(" partners " in c and " cookies " in c for c in blocks(prose, "consent"))
    assert blocks(prose, "newsletter")
    # copies of a wire story rewrite the headline with an English desk's kicker
    titles = {f.truth["title"] for f in pages if f.truth["kind"] == "wire"}
    assert any(t.startswith(tuple(k.strip() for k in P.EN.KICKERS)) for t in titles)


def test_each_english_inbody_kind_is_labelled(prose: Path) -> None:
    kinds: dict[str, list[str]] = defaultdict(list)
    for f in articles(prose):
        for b in f.truth["blocks"]:
            if b["label"] == "boilerplate":
                assert b.get("kind"), b
                kinds[b["kind"]].append(b["text"])
            else:
                assert "kind" not in b
    leads = sorted(P.EN.TEASER_LEADS, key=len, reverse=True)
    teasers = kinds["teaser_line"]
    assert teasers and all(any(t.startswith(lead + " ") for lead in leads) for t in teasers)
    used = {next(lead for lead in leads if t.startswith(lead + " ")) for t in teasers}
    assert len(used) >= 4 and any(not lead.endswith(":") for lead in used)  # several spellings, bare ones too
    assert {t for t in kinds["related_box"] if t in P.EN.RELATED_LEADS}
    captions = kinds["caption"]
    assert any(re.search(r" \((AP Photo|Reuters)/[A-Z][\w']+ [A-Z][\w']+(, File)?\)$", c) for c in captions)
    assert any(re.match(r"(Video: |VIDEO: |WATCH: |Watch: |Video \| ).+\. .+\.", c) for c in captions)
    assert any(c.endswith(" (Source: AP)") or c.endswith(" (Source: Reuters)") for c in captions)
    assert {"Source: AP", "Source: Reuters", "SOURCE: AP", "Sources: AP"} & set(kinds["credit"])


def test_related_boxes_are_lists_under_an_h3(prose: Path) -> None:
    found = 0
    for f in articles(prose):
        doc = lxml.html.fromstring(f.body)
        for h3 in doc.iter("h3"):
            if h3.text_content() in P.EN.RELATED_LEADS and h3.getnext() is not None and h3.getnext().tag == "ul":
                assert 2 <= len(h3.getnext().findall("li/a")) <= 5
                found += 1
    assert found


def test_outlets_draw_different_lead_ins(prose: Path) -> None:
    net = Network(spec(prose))
    assert len({s.teaser_leads for s in net.styles}) == len(net.styles)
    assert all(o.lang == "en" and o.name for o in net.outlets)


def test_default_network_unchanged(tmp_path: Path) -> None:
    assert NetworkSpec().language == "de"
    write_network(NetworkSpec(seed=1), tmp_path / "net")
    assert (tmp_path / "net" / "truth.jsonl").read_bytes() == (ROOT / "seeds" / "network" / "truth.jsonl").read_bytes()
    assert Network(NetworkSpec(seed=4, inbody=True)).outlets[0].lang == "de"
