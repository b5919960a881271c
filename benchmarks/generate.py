"""Write a synthetic data directory of any size in actorgraph's schema.

    python benchmarks/generate.py OUT_DIR --relations 100000 [--actors N] [--seed 1]

Actors get names, aliases and descriptions; relations get types from the
built-in vocabulary, partial dates, modality, confidence and an evidence quote,
so the files look like curated data (about 300 bytes per relation).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TYPES = [
    "supports",
    "opposes",
    "attacks",
    "funds",
    "arms",
    "sanctions",
    "recognizes",
    "threatens",
    "criticizes",
    "member_of",
    "leads",
    "shelters",
    "trains",
    "praises",
]
SYMMETRIC = ["allied_with", "fights", "trades_with", "negotiates_with", "cooperates_with"]
KINDS = ["state", "armed_group", "person", "organization", "population", "government_body"]
MODALITIES = ["asserted"] * 8 + ["alleged", "promised", "considered", "reported"]
WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliett",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
]


def generate(out: Path, relations: int, actors: int | None = None, seed: int = 1) -> Path:
    """Write actors.yaml, relations.yaml and sources.yaml into ``out``; return ``out``."""
    rng = random.Random(seed)
    actors = actors or max(10, relations // 20)
    out.mkdir(parents=True, exist_ok=True)
    ids = [f"actor-{i}" for i in range(actors)]
    with open(out / "actors.yaml", "w", encoding="utf-8") as f:
        for i, actor_id in enumerate(ids):
            name = " ".join(rng.choices(WORDS, k=2)).title()
            f.write(
                f"- id: {actor_id}\n  name: {name} {i}\n  kind: {rng.choice(KINDS)}\n"
                f"  aliases: [{name[:3].upper()}{i}, The {name} {i}]\n"
                f"  description: Synthetic actor number {i}.\n"
            )
    with open(out / "sources.yaml", "w", encoding="utf-8") as f:
        for s in range(10):
            f.write(
                f"- id: source-{s}\n  title: Synthetic source {s}\n  publisher: Bench\n"
                f"  date: 2024-0{1 + s % 9}\n  url: https://example.org/{s}\n"
            )
    seen: set[tuple] = set()
    with open(out / "relations.yaml", "w", encoding="utf-8") as f:
        written = 0
        while written < relations:
            source, target = rng.sample(ids, 2)
            rtype = rng.choice(TYPES + SYMMETRIC)
            year = rng.randint(1950, 2024)
            since = rng.choice(
                [
                    f"{year}",
                    f"{year}-{rng.randint(1, 12):02d}",
                    f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                ]
            )
            until = f"{year + rng.randint(0, 20)}" if rng.random() < 0.5 else None
            modality = rng.choice(MODALITIES)
            ends = (source, target) if rtype in TYPES else tuple(sorted((source, target)))
            key = (*ends, rtype, since, until, modality)
            if key in seen:
                continue
            seen.add(key)
            quote = " ".join(rng.choices(WORDS, k=12))
            f.write(
                f"- source: {source}\n  target: {target}\n  type: {rtype}\n"
                f"  since: '{since}'\n"
                + (f"  until: '{until}'\n" if until else "")
                + f"  confidence: {rng.choice(['low', 'medium', 'high'])}\n"
                f"  modality: {modality}\n  evidence:\n"
                f"    - source: source-{rng.randrange(10)}\n"
                f'      quote: "{quote}"\n'
            )
            written += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.relations, args.actors, args.seed)


if __name__ == "__main__":
    main()
