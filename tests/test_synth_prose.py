"""Networks told with real article prose (`NetworkSpec(prose=DIR)`): a prose folder written here."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from dedup.synth import NetworkSpec, generate_main, write_pages_jsonl
from dedup.synth.network import Network
from dedup.synth.prose import load_articles

SPEC = {"seed": 5, "pages": 20, "outlets": 3}  # 12 stories


def _sentence(r: random.Random) -> str:
    words = ["".join(r.choice("abcdefghiklmnoprstuvw") for _ in range(r.randint(3, 10))) for _ in range(r.randint(9, 16))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _page(title: str, paragraphs: list[str]) -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(6))
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p>Sign up for the newsletter of {title} and read every story first.</p>"
    return (f"<html><head><title>{title} | Example Site</title></head><body><nav><ul>{nav}</ul></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer><p>Copyright Example Site</p></footer></body></html>")


def write_prose(folder: Path, pages: int, paragraphs: int = 7) -> dict[str, list[str]]:
    """A prose folder of `pages` pages of generated prose; returns each page's paragraphs."""
    r = random.Random(7)
    (folder / "pages").mkdir(parents=True)
    written: dict[str, list[str]] = {}
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for i in range(pages):
            paras = [" ".join(_sentence(r) for _ in range(r.randint(2, 4))) for _ in range(paragraphs)]
            name = f"pages/p{i:02d}.html.gz"
            (folder / name).write_bytes(gzip.compress(_page(f"Headline number {i} here", paras).encode(), mtime=0))
            manifest.write(json.dumps({"url": f"https://example.org/{i}", "html": name, "with": [paras[1][:30]],
                                       "without": ["Sign up for"]}) + "\n")
            written[name] = paras
    return written


@pytest.fixture
def prose(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path / "prose"
    return folder, write_prose(folder, 14)


def test_same_bytes_twice(prose: tuple[Path, dict[str, list[str]]], tmp_path: Path) -> None:
    spec = NetworkSpec(**SPEC, prose=prose[0])
    write_pages_jsonl(spec, tmp_path / "a" / "pages.jsonl")
    write_pages_jsonl(spec, tmp_path / "b" / "pages.jsonl")
    for name in ("pages.jsonl", "truth.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "pages.jsonl").read_bytes() != b""


def test_stories_tell_the_pages_and_truth_labels_them_article(prose: tuple[Path, dict[str, list[str]]]) -> None:
    folder, written = prose
    assert len(load_articles(folder)) == 14
    net = Network(NetworkSpec(**SPEC, prose=folder))
    article = {net.plan.slot(g).sid: net.prose[g] for g in range(net.plan.n)}
    assert len({a.source for a in article.values()}) == net.plan.n  # one page per story
    pages = 0
    for art in net.articles():
        source = article[art.story.slot.sid]
        assert list(source.paragraphs) == written[source.source]
        assert source.title == f"Headline number {int(source.source[7:9])} here" == art.story.headlines[0]
        assert art.meta.title in art.story.headlines
        labels = {b["text"]: b["label"] for b in art.truth()["blocks"]}
        told = [p for p in source.paragraphs[1:-1] if p in labels]  # lead and update may be rewritten
        assert len(told) >= 3 and all(labels[p] == "article" for p in told)
        words = set(" ".join(source.paragraphs).split())
        for text, label in labels.items():  # article blocks are text of the page, but for a dateline and a typo
            if label == "article":
                assert sum(w not in words for w in text.split()) <= 5, text
        pages += 1
    assert pages >= 12


def test_too_few_articles_says_what_fits(prose: tuple[Path, dict[str, list[str]]]) -> None:
    with pytest.raises(ValueError, match=r"14 usable articles.*--pages \d+ or fewer"):
        Network(NetworkSpec(seed=5, pages=60, outlets=3, prose=prose[0]))


def test_missing_or_empty_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist or has no manifest"):
        load_articles(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="manifest"):
        load_articles(tmp_path / "empty")
    write_prose(tmp_path / "short", 3, paragraphs=3)
    with pytest.raises(ValueError, match="no page with 5 paragraphs"):
        load_articles(tmp_path / "short")
    assert generate_main(["--prose", str(tmp_path / "empty"), "--pages-jsonl", str(tmp_path / "o.jsonl"), "--quiet"]) == 1
    assert "manifest" in capsys.readouterr().err
