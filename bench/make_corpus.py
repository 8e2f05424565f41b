"""Write a deterministic synthetic corpus of N articles (+ registry) for the scale benchmark.

Synthetic articles recombine and perturb real paragraphs of the seed articles
(data/raw/*.txt), so every stage has realistic work: body paragraphs from
several seeds, other years/months, rescaled figures, swapped leaders' names,
new headings, bylines and page furniture (share buttons, subscribe blurbs,
image credits, teasers).  The five seeds are kept as the first articles, so
N = 5 is the real corpus and the evaluation/annotation stages still find them.

Article i depends only on (--seed, i): the corpus of N + 1 articles is the
corpus of N plus one new file and one appended registry record, which is what
the incremental-rebuild benchmark needs.

    python bench/make_corpus.py --n 100 --out /tmp/corpus-project
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import yaml

from policybrief.conventions import MONTH_NAMES

ROOT = Path(__file__).resolve().parents[1]
MIN_BODY_WORDS = 25
MONTHS = list(MONTH_NAMES)
# Leaders swapped among themselves (full name first so "Fumio Kishida" moves as one name).
LEADERS = {
    "japan": [
        ("Shinzō Abe", "Abe"),
        ("Fumio Kishida", "Kishida"),
        ("Shigeru Ishiba", "Ishiba"),
        ("Yoshihide Suga", "Suga"),
        ("Yoshihiko Noda", "Noda"),
    ],
    "russia": [
        ("Vladimir Putin", "Putin"),
        ("Dmitry Medvedev", "Medvedev"),
        ("Sergey Lavrov", "Lavrov"),
        ("Mikhail Mishustin", "Mishustin"),
    ],
}
OUTLETS = [
    "Pacific Affairs Review",
    "The Strategic Monitor",
    "Eurasia Policy Forum",
    "Northeast Asia Brief",
    "Institute for Security Dialogue",
    "The Diplomatic Ledger",
    "Center for Regional Studies",
    None,
]
FIRST = [
    "Anna",
    "Kenji",
    "Maria",
    "Hiroshi",
    "Elena",
    "David",
    "Yuki",
    "Pavel",
    "Sarah",
    "Takeshi",
    "Olga",
    "Michael",
    "Aiko",
    "Ivan",
    "Laura",
    "Daisuke",
]
LAST = [
    "Tanaka",
    "Petrova",
    "Schmidt",
    "Watanabe",
    "Sokolov",
    "Nguyen",
    "Yamamoto",
    "Kowalski",
    "Hayashi",
    "Ivanova",
    "Brennan",
    "Morozov",
    "Sato",
    "Lindqvist",
    "Okada",
    "Rossi",
]
TITLES = [
    "{a} and {b}: {topic}",
    "Why {topic} Still Matters for {a}",
    "{topic}: What Comes Next",
    "The Long Shadow of {topic}",
    "{a}, {b} and the Question of {topic}",
    "Rethinking {topic}",
]
TOPICS = [
    "the Northern Territories",
    "the Kuril Islands Dispute",
    "Sanctions and Energy",
    "the Peace Treaty",
    "Fisheries and Sovereignty",
    "Sakhalin Gas",
    "the Sino-Russian Alignment",
    "Deterrence in the North Pacific",
    "Economic Cooperation",
]
FURNITURE = [
    "Follow us on social",
    "Share this article",
    "Subscribe to our newsletter",
    "Sign up for our weekly briefing and get the latest analysis delivered to your inbox.",
    "keep readingShow less",
    "View profile",
    "Comments are closed.",
    "Print",
    "Related articles",
    "Image: {credit} / Shutterstock.com.",
    "{credit} / Reuters Connect",
    "Editor’s note:",
    "The views expressed are the author’s own and do not represent those of {outlet}.",
    "© {year} {outlet}. All rights reserved.",
    "Analysis | Asia-Pacific",
    "Explore our related content",
]
CREDITS = ["Ink Drop", "CAPTAINHOOK", "Alexander Khitrov", "Sean Pavone", "Kremlin Pool"]

YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")
DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
# A month name with its day on either side ("March 21", "21 March"), so the day can stay valid.
MONTH_DAY = re.compile(
    r"\b(?:(?P<before>\d{1,2}) )?(?P<month>" + "|".join(MONTHS) + r")\b(?: (?P<after>\d{1,2})\b)?"
)
FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+)"
    r"(?=\s*(?:%|percent|per cent|billion|million|trillion|tons|tonnes|troops|km))"
)


def seed_lines(raw_dir: Path) -> tuple[list[str], list[str]]:
    """Split the seeds into body paragraphs and short non-body lines (headings)."""
    body, headings = [], []
    for path in sorted(raw_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            words = len(line.split())
            if re.match(r"\[?\d+[.\]]", line):  # footnotes and references
                continue
            if words >= MIN_BODY_WORDS and line[-1:] in '.”"’)':
                body.append(line)
            elif 2 <= words <= 8 and not re.search(r"[.:|/]$|^\d", line):
                headings.append(line)
    return body, headings


def _name_swapper(rng: random.Random):
    """Return a function that applies one random permutation of leaders per country."""
    table = {}
    for names in LEADERS.values():
        target = names[:]
        rng.shuffle(target)
        for (full, last), (full2, last2) in zip(names, target):
            table[full], table[last] = full2, last2
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b")
    return lambda text: pattern.sub(lambda m: table[m.group()], text)


def _shift_month(m: re.Match, shift: int) -> str:
    """Move a month name by `shift` months; clamp its day so "August 31" never becomes "September 31"."""
    k = (MONTHS.index(m["month"]) + shift) % 12

    def day(d):
        return str(min(int(d), DAYS_IN_MONTH[k]))

    return (
        (f"{day(m['before'])} " if m["before"] else "")
        + MONTHS[k]
        + (f" {day(m['after'])}" if m["after"] else "")
    )


def _perturb(text: str, rng: random.Random, year_shift: int, month_shift: int, swap_names) -> str:
    text = YEAR.sub(lambda m: str(min(2026, int(m.group()) + year_shift)), text)
    text = MONTH_DAY.sub(lambda m: _shift_month(m, month_shift), text)

    def rescale(m):
        raw = m.group(1)
        value = float(raw.replace(",", "")) * rng.uniform(0.6, 1.6)
        if "." in raw:
            return f"{value:.{len(raw.split('.')[1])}f}"
        return f"{round(value):,}" if "," in raw else str(max(1, round(value)))

    return swap_names(FIGURE.sub(rescale, text))


def make_article(i: int, seed: int, body: list[str], headings: list[str]) -> tuple[str, dict]:
    """Synthetic article number i (0-based after the seeds): its text and registry record."""
    rng = random.Random(f"{seed}:{i}")
    year_shift, month_shift = rng.randint(-4, 2), rng.choice([0, 0, 1, -1, 2])
    swap = _name_swapper(rng) if rng.random() < 0.5 else (lambda t: t)
    outlet = rng.choice(OUTLETS)
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice([0, 1, 1, 2]))]
    a, b = rng.sample(["Japan", "Russia", "Tokyo", "Moscow", "China"], 2)
    title = rng.choice(TITLES).format(a=a, b=b, topic=rng.choice(TOPICS))

    start = rng.randrange(len(body))
    n_paragraphs = rng.randint(8, 24)
    chosen = [body[(start + k) % len(body)] for k in range(n_paragraphs * 2 // 3)]
    chosen += rng.sample(body, n_paragraphs - len(chosen))
    paragraphs = [_perturb(p, rng, year_shift, month_shift, swap) for p in chosen]
    year = max([int(y) for p in paragraphs for y in YEAR.findall(p)] or [2020])

    fill = {"outlet": outlet or "this publication", "credit": rng.choice(CREDITS), "year": year}
    lines = []
    if outlet and rng.random() < 0.5:
        lines.append(f"{outlet} {title}")
    lines += [title, title] if rng.random() < 0.6 else [title]
    if authors:
        lines.append(f"By {' and '.join(authors)}" + (f" for {outlet}" if outlet else ""))
    lines.append(rng.choice(FURNITURE).format(**fill))
    for k, paragraph in enumerate(paragraphs):
        if k and k % rng.randint(3, 6) == 0:
            lines.append(rng.choice(headings))
        lines.append(paragraph)
    lines += [f.format(**fill) for f in rng.sample(FURNITURE, rng.randint(2, 6))]
    for author in authors:
        lines.append(
            f"{author} is a fellow at {outlet or 'a research institute'} working on Northeast Asian security."
        )
    lines += rng.sample(headings, 2)  # teaser headlines of other stories

    sid = f"synth-{i:05d}"
    record = {
        "id": sid,
        "file": f"synth_{i:05d}.txt",
        "title": title,
        "outlet": outlet,
        "authors": authors,
        "published": f"{year}-{rng.randint(1, 12):02d}",
        "inferred": ["published"],
        "notes": f"Synthetic benchmark article (bench/make_corpus.py, seed {seed}, index {i}): "
        "recombined and perturbed seed paragraphs; date is made up.",
    }
    return "\n\n".join(lines) + "\n", record


def write_corpus(n: int, out: Path, seed: int = 7, seeds_dir: Path = ROOT / "data" / "raw") -> int:
    """Make out/data/raw hold exactly n articles (the seeds first); return their word count.

    Files whose content is already right are left untouched (mtime kept), so growing
    a built corpus from n to n + 1 only adds one file and rewrites the registry.
    """
    raw = out / "data" / "raw"
    if raw.resolve() == seeds_dir.resolve():
        raise SystemExit(f"--out must be a copy of the project, not the one holding the seeds ({seeds_dir})")
    raw.mkdir(parents=True, exist_ok=True)
    seed_records = yaml.safe_load((seeds_dir / "sources.yaml").read_text(encoding="utf-8"))
    records = seed_records[:n]
    files = {rec["file"]: (seeds_dir / rec["file"]).read_text(encoding="utf-8") for rec in records}
    body, headings = seed_lines(seeds_dir)
    for i in range(n - len(records)):
        text, record = make_article(i, seed, body, headings)
        assert text not in files.values(), f"article {i} duplicates an earlier one; change --seed"
        files[record["file"]] = text
        records.append(record)
    header = "# Synthetic benchmark corpus written by bench/make_corpus.py; do not edit.\n"
    files["sources.yaml"] = header + yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=120)
    for stale in sorted(p for p in raw.iterdir() if p.name not in files):
        stale.unlink()
    for name, text in files.items():
        path = raw / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return sum(len(text.split()) for name, text in files.items() if name != "sources.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles (the first 5 are the seeds)")
    parser.add_argument("--out", type=Path, required=True, help="project copy whose data/raw is replaced")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    words = write_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} articles ({words} words) to {args.out / 'data' / 'raw'}")


if __name__ == "__main__":
    main()
