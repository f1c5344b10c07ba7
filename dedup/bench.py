"""`wiredup bench`: wiredup's stages beside their baselines, on generated networks of growing size.

Each size is generated with the project's own generator, then processed end to end in a child
process (so its peak memory is its own); the baselines run on the same pages in the same run:
bare `lxml.html.fromstring`, datasketch's per-token `MinHash.update` loop and `MinHash.bulk` on
the same shingles, and `trafilatura.extract` (speed, boilerplate left, article text lost).
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .evaluate import evaluate
from .normalize import normalize
from .options import DedupOptions
from .pipeline import run_dedup
from .timing import Stopwatch

#: Stages in pipeline order, as `Stopwatch` names them.
STAGES = ("blocks", "sketches", "lsh", "stories", "fragments", "cleaning", "canonical")
#: Networks of up to this many pages are run `--runs` times and the median run is reported
#: (`wiredup_beside_lxml`): a run of a second or less is easily disturbed by other load.
REPEAT_MAX_PAGES = 20_000


def _pages(path: Path, limit: int | None = None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            yield json.loads(line)


def _network(work: Path, size: int, seed: int, quiet: bool) -> Path:
    """A generated network of about `size` pages, reused when an earlier run made the same one."""
    from .synth import NetworkSpec, write_pages_jsonl

    folder = work / f"seed{seed}-{size}"
    stamp = folder / "spec.json"
    spec = {"seed": seed, "pages": size}
    if not (stamp.is_file() and json.loads(stamp.read_text()) == spec and (folder / "pages.jsonl").is_file()):
        if not quiet:
            print(f"generating {size:,} pages in {folder}", file=sys.stderr)
        write_pages_jsonl(NetworkSpec(seed=seed, pages=size), folder / "pages.jsonl")
        stamp.write_text(json.dumps(spec))
    return folder


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the parsing workers, forked helpers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run_child(folder: str, queue: multiprocessing.Queue) -> None:
    """Run wiredup end to end; report stage times, CPU time, peak memory and scores."""
    watch = Stopwatch()
    start, cpu = time.perf_counter(), _cpu_seconds()
    summary = run_dedup(Path(folder) / "pages.jsonl", Path(folder) / "out", options=DedupOptions(), watch=watch)
    total, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    peak, helper_peak = (resource.getrusage(who).ru_maxrss / 1024 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    scores = evaluate(Path(folder) / "out", Path(folder) / "truth.jsonl")  # after the peak is read: scoring is not wiredup's cost
    queue.put({
        "pages": summary.pages, "seconds": total, "cpu_seconds": cpu, "stages": watch.seconds,
        "peak_rss_mib": peak, "helper_peak_rss_mib": helper_peak, "scores": scores.as_dict(), "report": _report_size(Path(folder) / "out"),
    })


def _report_size(out: Path) -> dict:
    """The HTML report's files (report.html and the report/ folder's pages) and their bytes."""
    files = [out / "report.html", *(p for p in (out / "report").rglob("*") if p.is_file())]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def run_wiredup(folder: Path) -> dict:
    """wiredup's figures on one network, measured in a fresh process."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_run_child, args=(str(folder), queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def lxml_baseline(folder: Path) -> dict:
    """Bare `lxml.html.fromstring` over every page."""
    import lxml.html

    count, seconds = 0, 0.0
    for page in _pages(folder / "pages.jsonl"):
        start = time.perf_counter()
        lxml.html.fromstring(page["html"])
        seconds += time.perf_counter() - start
        count += 1
    return {"pages": count, "seconds": seconds, "pages_per_s": count / seconds}


def wiredup_beside_lxml(folder: Path, runs: int) -> tuple[dict, dict]:
    """wiredup run `runs` times, each run between two passes of the lxml baseline (the machine's
    speed drifts, even between two passes a second apart): the run whose rate, divided by the
    mean rate of the passes around it, is the median of those ratios, with every run's seconds
    and ratio, and the lxml passes around it."""
    passes = [lxml_baseline(folder)]
    results = []
    for _ in range(max(1, runs)):
        results.append(run_wiredup(folder))
        passes.append(lxml_baseline(folder))
    ratios = [r["pages"] / r["seconds"] / _mean_rate(passes[i], passes[i + 1])["pages_per_s"] for i, r in enumerate(results)]
    middle = sorted(range(len(results)), key=ratios.__getitem__)[len(results) // 2]
    ours = {**results[middle], "runs_seconds": [r["seconds"] for r in results], "runs_lxml_ratios": ratios}
    return ours, _mean_rate(passes[middle], passes[middle + 1])


def _mean_rate(before: dict, after: dict) -> dict:
    """The lxml baseline measured just before and just after wiredup: their mean, and both."""
    return {
        "pages": before["pages"], "pages_per_s": (before["pages_per_s"] + after["pages_per_s"]) / 2,
        "before_pages_per_s": before["pages_per_s"], "after_pages_per_s": after["pages_per_s"],
    }


def _best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest wall time of `runs` runs: the figure least disturbed by other load."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def sketch_baselines(folder: Path, limit: int) -> dict:
    """wiredup's sketcher against datasketch's update loop and bulk on the same word 3-grams."""
    from datasketch import MinHash

    from .blocks import extract_blocks
    from .sketch import Sketcher

    texts = [normalize(" ".join(b.text for b in extract_blocks(p["html"]).blocks)) for p in _pages(folder / "pages.jsonl", limit)]
    options = DedupOptions()
    sketcher = Sketcher(options.num_perm, options.seed)
    sketcher.word_shingles("warm up the word table", options.doc_ngram)
    shingles = []
    for text in texts:
        tokens = text.split()
        shingles.append([" ".join(tokens[i : i + options.doc_ngram]).encode("utf-8") for i in range(max(1, len(tokens) - options.doc_ngram + 1))])

    def update_loop() -> None:
        for doc in shingles:
            minhash = MinHash(num_perm=options.num_perm, seed=options.seed)
            for shingle in doc:
                minhash.update(shingle)

    ours = _best_of(3, lambda: sketcher.signatures_flat(*sketcher.word_shingle_sets(texts, options.doc_ngram)))
    loop = _best_of(1, update_loop)
    bulk = _best_of(3, lambda: MinHash.bulk(shingles, num_perm=options.num_perm, seed=options.seed))
    n = len(texts)
    return {"pages": n, "wiredup_pages_per_s": n / ours, "update_loop_pages_per_s": n / loop, "bulk_pages_per_s": n / bulk}


def trafilatura_baseline(folder: Path, limit: int) -> dict | None:
    """`trafilatura.extract` on the first pages: speed, boilerplate left and article text lost."""
    try:
        import trafilatura
    except ImportError:
        return None
    truth = {}
    for line in (folder / "truth.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        truth[row["outlet"] + row["path"]] = row
    from .evaluate import page_key

    seconds, kept, lost, article, count = 0.0, {"article": 0, "boilerplate": 0}, 0, 0, 0
    for page in _pages(folder / "pages.jsonl", limit):
        start = time.perf_counter()
        text = trafilatura.extract(page["html"]) or ""
        seconds += time.perf_counter() - start
        count += 1
        lines = set(" ".join(line.split()) for line in text.splitlines())
        for block in truth[page_key(page["url"])]["blocks"]:
            label = block["label"]
            if label not in kept:
                continue
            found = block["text"] in lines
            kept[label] += len(block["text"]) if found else 0
            if label == "article":
                article += len(block["text"])
                lost += 0 if found else len(block["text"])
    out = kept["article"] + kept["boilerplate"]
    return {
        "pages": count, "pages_per_s": count / seconds,
        "boilerplate_left": kept["boilerplate"] / out if out else 0.0, "article_lost": lost / article if article else 0.0,
    }


def bench(sizes: list[int], seed: int, work: Path, sample: int, quiet: bool, runs: int = 5) -> dict:
    """Every figure of the benchmark, as one JSON-able dict."""
    results = []
    for size in sizes:
        folder = _network(work, size, seed, quiet)
        repeat = runs if size <= REPEAT_MAX_PAGES else 1
        if not quiet:
            print(f"running wiredup on {size:,} pages" + (f" ({repeat} runs)" if repeat > 1 else ""), file=sys.stderr)
        row: dict = {"size": size}
        row["wiredup"], row["lxml"] = wiredup_beside_lxml(folder, repeat)
        row["minhash"] = sketch_baselines(folder, min(sample * 3, size))
        row["trafilatura"] = trafilatura_baseline(folder, min(sample, size))
        results.append(row)
    return {"seed": seed, "runs": runs, "repeat_max_pages": REPEAT_MAX_PAGES, "results": results}


def _print_table(figures: dict) -> None:
    from .blocks import EVENTS, NATIVE_WALK
    from .loading import html_member
    from .sketch import NATIVE_KERNELS

    print("block walk: " + ("compiled (dedup._cwalk)" if NATIVE_WALK else "Python (dedup._cwalk was not built)")
          + (", on libxml2's parse events" if EVENTS else ", on lxml's tree")
          + "; word hashes, shingles, MinHash, diffs, output lines: " + ("compiled (dedup._ckernels)" if NATIVE_KERNELS else "numpy and Python (dedup._ckernels was not built)")
          + "; pages.jsonl lines: " + ("HTML split out by dedup._cjsonl" if html_member is not None else "json.loads (dedup._cjsonl was not built)"))
    previous = None
    for row in figures["results"]:
        ours = row["wiredup"]
        pages = ours["pages"]
        rate = pages / ours["seconds"]
        runs = ours["runs_seconds"]
        print(f"\n== {pages:,} pages (seed {figures['seed']}) ==")
        if len(runs) > 1:
            print(f"median of {len(runs)} runs, each between two lxml passes, by wiredup / lxml: runs of "
                  + ", ".join(f"{r:.2f} s ({q:.3f})" for r, q in zip(runs, ours["runs_lxml_ratios"])))
        print(f"{'stage':<12}{'seconds':>10}{'pages/s':>12}")
        for stage in STAGES:
            seconds = ours["stages"].get(stage, 0.0)
            print(f"{stage:<12}{seconds:>10.2f}{pages / seconds if seconds else float('inf'):>12,.0f}")
        print(f"{'all stages':<12}{ours['seconds']:>10.2f}{rate:>12,.0f}   peak memory {ours['peak_rss_mib']:,.0f} MiB "
              f"+ {ours['helper_peak_rss_mib']:,.0f} MiB in the largest helper process")
        report = ours["report"]
        print(f"HTML report: {report['files']:,} files, {report['bytes'] / 1e6:,.1f} MB, written in {ours['stages'].get('report', 0.0):.2f} s "
              "(part of the canonical stage)")
        cpu_rate = pages / ours["cpu_seconds"]
        print(f"CPU time {ours['cpu_seconds']:.2f} s over all processes = {cpu_rate:,.0f} pages per CPU-second")
        lxml = row["lxml"]
        lxml_rate = lxml["pages_per_s"]
        print(f"baseline lxml.html.fromstring (one process) {lxml_rate:,.0f} pages/s (just before wiredup "
              f"{lxml['before_pages_per_s']:,.0f}, just after {lxml['after_pages_per_s']:,.0f}); wiredup all stages / lxml = "
              f"{rate / lxml_rate:.3f} (wall time), {cpu_rate / lxml_rate:.3f} (per CPU-second)")
        mh = row["minhash"]
        print(f"sketching ({mh['pages']} pages): wiredup {mh['wiredup_pages_per_s']:,.0f} pages/s, MinHash.update loop "
              f"{mh['update_loop_pages_per_s']:,.0f}, MinHash.bulk {mh['bulk_pages_per_s']:,.0f}; "
              f"wiredup / bulk = {mh['wiredup_pages_per_s'] / mh['bulk_pages_per_s']:.1f}x")
        traf = row["trafilatura"]
        if traf:
            print(f"trafilatura.extract ({traf['pages']} pages, one process): {traf['pages_per_s']:,.0f} pages/s; wiredup / trafilatura = "
                  f"{rate / traf['pages_per_s']:.1f}x (wall time), {cpu_rate / traf['pages_per_s']:.1f}x (per CPU-second); boilerplate left {100 * traf['boilerplate_left']:.2f}% "
                  f"(wiredup {100 * ours['scores']['boilerplate_left']:.2f}%), article lost {100 * traf['article_lost']:.2f}% "
                  f"(wiredup {100 * ours['scores']['article_lost']:.2f}%)")
        scores = ours["scores"]
        print(f"quality: story F1 {scores['story_f1']:.4f}, boilerplate left {100 * scores['boilerplate_left']:.2f}%, "
              f"article lost {100 * scores['article_lost']:.2f}%")
        if previous:  # by median times: a single run at 10k pages swings 3.0-4.1 s with the machine
            growth = statistics.median(runs) / statistics.median(previous["runs_seconds"])
            print(f"growth from {previous['pages']:,} pages: time x{growth:.1f} for x{pages / previous['pages']:.1f} pages "
                  f"(median times of the runs)")
        previous = ours


def bench_main(argv: list[str] | None = None) -> int:
    """Entry point of `wiredup bench`."""
    parser = argparse.ArgumentParser(prog="wiredup bench", description="Benchmark wiredup beside lxml, datasketch and trafilatura. "
                                     "Example: wiredup bench --sizes 1000,10000 --json bench.json")
    parser.add_argument("--sizes", default="1000,10000,100000", help="network sizes in pages (default: 1000,10000,100000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    parser.add_argument("--work", default="bench-work", help="folder for generated networks and outputs (default: bench-work)")
    parser.add_argument("--sample", type=int, default=300, help="pages for the slow baselines (trafilatura; 3x for MinHash)")
    parser.add_argument("--runs", type=int, default=5, help=f"runs per network of up to {REPEAT_MAX_PAGES:,} pages, median reported (default: 5)")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    parser.add_argument("--state", help="instead: feed generated pages as batches through this state (a folder, or redis://host:port/db)"
                        " and print per-batch seconds, peak memory and state size. Example: wiredup bench --state bench-work/state"
                        " --pages 1000000 --batch 10000 --window 50000")
    parser.add_argument("--pages", type=int, default=1_000_000, help="with --state: pages in all (default: 1000000)")
    parser.add_argument("--batch", type=int, default=10_000, help="with --state: pages per batch (default: 10000)")
    parser.add_argument("--window", default="50000", help="with --state: the runs' --window (default: 50000 pages)")
    args = parser.parse_args(argv)
    if args.state:
        from .bench_state import bench_state, print_state_table

        network = _network(Path(args.work), args.pages, args.seed, args.quiet) / "pages.jsonl"
        figures = bench_state(network, args.state, Path(args.work) / "state-runs", args.pages, args.batch, args.window, args.quiet)
        print_state_table(figures)
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 1000,10000")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    figures = bench(sizes, args.seed, Path(args.work), args.sample, args.quiet, args.runs)
    _print_table(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(bench_main())
