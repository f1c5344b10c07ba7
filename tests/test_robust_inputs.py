"""Broken inputs to `wiredup run`, escaping in the report, rules as data, paths that stay inside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedup.cli import main
from dedup.pages import atomic_writer, write_jsonl
from dedup.pipeline import run_dedup
from dedup.report import render_html, with_crawl_events
from dedup.synth import NetworkSpec, write_pages_jsonl

OUTPUTS = {"stories.jsonl", "cleaned.jsonl", "rules.tsv", "report.json", "report.html", "report"}
SCRIPT = "<script>alert('wiredup')</script>"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean pages.jsonl of a small generated network."""
    folder = tmp_path_factory.mktemp("robust-inputs")
    write_pages_jsonl(NetworkSpec(seed=3), folder / "pages.jsonl")
    return folder / "pages.jsonl"


def page_line(url: str, html: str) -> str:
    return json.dumps({"url": url, "outlet": "x.localhost", "fetched_at": "2026-11-25T14:00:00+00:00", "html": html}) + "\n"


def stories(out_dir: Path) -> list[str]:
    return sorted(line for line in (out_dir / "stories.jsonl").read_text(encoding="utf-8").splitlines())


def test_broken_lines_are_processed_around_and_reported_with_line_numbers(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = pages.read_text(encoding="utf-8")
    first_url = json.loads(good.splitlines()[0])["url"]
    n = good.count("\n")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        good
        + "this is not json\n"                                                 # n + 1
        + page_line("http://x.localhost/empty.html", "<html><body> </body></html>")  # n + 2
        + page_line("http://x.localhost/binary.html", "%PDF-1.4\x00\x01\x02")  # n + 3
        + page_line(first_url, "<p>a second copy</p>")                         # n + 4
        + "[1, 2, 3]\n"                                                        # n + 5
        + '{"url": "http://x.localhost/cut.html", "html": "<p>kil',            # n + 6, the writer was killed
        encoding="utf-8",
    )
    assert main(["run", str(broken), "-o", str(tmp_path / "broken"), "--quiet"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"wiredup: skipped line {n + 1}: not JSON: Expecting value (column 1)",
        f"wiredup: skipped line {n + 2}: no text: http://x.localhost/empty.html",
        f"wiredup: skipped line {n + 3}: binary data (NUL characters), not HTML: http://x.localhost/binary.html",
        f"wiredup: skipped line {n + 4}: duplicate url: {first_url}",
        f"wiredup: skipped line {n + 5}: not a JSON object",
        f"wiredup: skipped line {n + 6}: not JSON: Unterminated string starting at (column 48) (truncated last line?)",
    ]
    report = json.loads((tmp_path / "broken" / "report.json").read_text(encoding="utf-8"))
    assert [s["line"] for s in report["skipped"]] == list(range(n + 1, n + 7))
    assert main(["run", str(pages), "-o", str(tmp_path / "clean"), "--quiet"]) == 0
    assert stories(tmp_path / "broken") == stories(tmp_path / "clean")


def test_a_pages_file_that_is_not_there_or_not_utf8_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    assert "pages file not found" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(b'{"url": "http://x.localhost/k.html", "html": "<p>K\xf6ln</p>"}\n')
    assert main(["run", str(latin1), "-o", str(tmp_path / "out"), "--quiet"]) == 3
    assert "skipped line 1: not UTF-8" in capsys.readouterr().err


def test_page_text_in_the_report_stays_text(tmp_path: Path) -> None:
    hostile = tmp_path / "pages.jsonl"
    body = f"<html><head><title>{SCRIPT}</title></head><body><h1>{SCRIPT} &lt;b&gt;</h1><p>{SCRIPT} Text.</p></body></html>"
    hostile.write_text(
        page_line('http://x.localhost/"><script>alert(1)</script>.html', body)
        + json.dumps({"url": "http://y.localhost/a.html", "outlet": "<img src=x onerror=alert(1)>", "html": body}) + "\n"
        + "<script>not json</script>\n",
        encoding="utf-8",
    )
    run_dedup(hostile, tmp_path / "out")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    report = with_crawl_events(report, [{"event": "skipped", "reason": "<b>x</b>", "url": f"http://z.localhost/{SCRIPT}",
                                         "detail": "<iframe src=javascript:alert(1)>"}])
    page = render_html(report)
    assert "<script" not in page.lower() and "<img" not in page and "<iframe" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;wiredup&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in (tmp_path / "out" / "report.html").read_text(encoding="utf-8").lower()


def test_rules_files_are_data_never_code(pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    canary = tmp_path / "executed"
    rules = tmp_path / "evil.tsv"
    rules.write_text(
        f"text\t*\t0\t0\t__import__('os').system('touch {canary}')\n"
        f"context\t*\t0\t0\t{{{{ open('{canary}', 'w') }}}}\n"
        f"keep\t*\t0\t0\t$(touch {canary}) `touch {canary}`\n",
        encoding="utf-8",
    )
    assert main(["run", str(pages), "-o", str(tmp_path / "out"), "--rules", str(rules), "--quiet"]) == 0
    assert not canary.exists()
    written = (tmp_path / "out" / "rules.tsv").read_text(encoding="utf-8")
    assert f"__import__('os').system('touch {canary}')" in written  # kept as a pattern, as data
    rules.write_text("print('hello')\n", encoding="utf-8")
    assert main(["run", str(pages), "-o", str(tmp_path / "out2"), "--rules", str(rules), "--quiet"]) == 2
    assert "rules" in capsys.readouterr().err


@pytest.mark.parametrize("url", [
    "http://x.localhost/../../../../escaped.html",
    "http://x.localhost/%2e%2e/%2e%2e/escaped.html",
    "file:///tmp/escaped.html",
    "../../escaped.html",
    "/etc/passwd",
])
def test_no_url_writes_outside_the_output_folder(url: str, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = "<html><body><h1>Ausbruch</h1><p>Ein Pfad, der hinaus will.</p></body></html>"
    (inputs / "pages.jsonl").write_text(
        page_line(url, body) + json.dumps({"url": url + "2", "outlet": "../../escaped", "html": body}) + "\n",
        encoding="utf-8",
    )
    run_dedup(inputs / "pages.jsonl", tmp_path / "out")
    assert {p.name for p in (tmp_path / "out").iterdir()} == OUTPUTS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert [p.name for p in inputs.iterdir()] == ["pages.jsonl"]


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "stories.jsonl"
    write_jsonl(target, [{"story": 1}])

    def rows() -> object:
        yield {"story": 2}
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_jsonl(target, rows())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == '{"story": 1}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["stories.jsonl"]
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as fh:
        fh.write("half")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == '{"story": 1}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["stories.jsonl"]


def test_a_finished_file_replaces_the_old_one_and_leaves_nothing_beside(tmp_path: Path) -> None:
    target = tmp_path / "cleaned.jsonl"
    write_jsonl(target, [{"story": 1}])
    write_jsonl(target, [{"story": 2}])
    assert target.read_text(encoding="utf-8") == '{"story": 2}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["cleaned.jsonl"]
    assert target.stat().st_mode & 0o777 == 0o644
