"""Materials benchmark: text extraction of a 200-page PDF in the limited child process.

Draws a PDF of N pages of Finnish text with WeasyPrint (as the demo does), then runs the
worker's extraction (materials.files.extract_file: a child process under the memory and
time limits of the settings) several times, and reports pages per second and the peak
resident memory of the child (ru_maxrss of the waited-for children). The check at upload
(`inspect`) is timed the same way. Rewrites its section of docs/benchmarks.md.

    .venv/bin/python bench/materials_bench.py --pages 200 --runs 3
"""

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SAKKE_INSECURE_DEV_KEY", "1")

START, END = "<!-- bench:materials -->", "<!-- /bench:materials -->"
PARAGRAPH = (
    "Yhdistykset toivoivat kunnalta maksuttomia kokoontumistiloja, selkeää avustusten "
    "hakukalenteria ja yhteistä tapahtumakalenteria. Vapaaehtoisten jaksaminen ja uusien "
    "tekijöiden löytäminen nousivat esiin jokaisessa työpajassa. "
)


def make_pdf(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<section style='break-after: page'><h2>Luku {n}</h2>"
        + "".join(f"<p>{PARAGRAPH}</p>" for _ in range(6))
        + "</section>"
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html lang='fi'><body>{body}</body></html>").write_pdf()


def child_peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "materials.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.files import File

    from materials.files import extract_file, inspect_upload

    data = make_pdf(args.pages)
    extract_seconds, inspect_seconds = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.pdf"
        path.write_bytes(data)
        for _ in range(args.runs):
            with open(path, "rb") as f:
                started = time.perf_counter()
                found = inspect_upload(File(f, name="bench.pdf"))
                inspect_seconds.append(time.perf_counter() - started)
            with open(path, "rb") as f:
                started = time.perf_counter()
                extracted = extract_file(File(f, name="bench.pdf"))
                extract_seconds.append(time.perf_counter() - started)
    assert found.pages == args.pages and len(extracted.texts) == args.pages
    median = statistics.median(extract_seconds)
    result = {
        "pages": args.pages,
        "bytes": len(data),
        "runs": args.runs,
        "extract_seconds_median": round(median, 3),
        "pages_per_second": round(args.pages / median, 1),
        "inspect_seconds_median": round(statistics.median(inspect_seconds), 3),
        "child_peak_mib": round(child_peak_kib() / 1024, 1),
        "memory_limit_mib": settings.SAKKE_MATERIALS_EXTRACT_MEMORY_MB,
        "time_limit_seconds": settings.SAKKE_MATERIALS_EXTRACT_SECONDS,
        "characters": sum(len(t) for t in extracted.texts),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    write_section(args.doc, result)


def write_section(doc: Path, r: dict) -> None:
    body = [
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()} "
        "(`bench/materials_bench.py`, run by `make bench`).",
        "",
        "| what | result |",
        "| --- | --- |",
        f"| the PDF | {r['pages']} pages of Finnish text, {r['bytes'] // 1024} KiB "
        f"(WeasyPrint), {r['characters']:,} characters |",
        f"| extraction, text of every page and the thumbnail (median of {r['runs']}) | "
        f"{r['extract_seconds_median']} s, **{r['pages_per_second']} pages/s** |",
        f"| check at upload (type, encryption, every page opened) | "
        f"{r['inspect_seconds_median']} s |",
        f"| peak resident memory of the worker's child process | **{r['child_peak_mib']} MiB** "
        f"(limit {r['memory_limit_mib']} MiB address space, "
        f"{r['time_limit_seconds']:g} s) |",
    ]
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if START not in text or END not in text:
        text = text.rstrip() + f"\n\n## Materials: text extraction\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    doc.write_text(before + START + "\n" + "\n".join(body) + "\n" + END + after, encoding="utf-8")


if __name__ == "__main__":
    main()
