#!/usr/bin/env python3
"""Writes a generated usage log in the generic CSV format, for measuring the
import: `scripts/gen-usage-log.py 1000000 > /tmp/usage-1m.csv` (51.5 MB,
under the 50 MiB limit).

Each row draws one of four models and a time in November 2026 (30 days);
inputs run from 1 to 400,000 tokens (both sides of every long-context
threshold), outputs from 1 to 999, one row in ten reads a quarter of its
input from the cache, and one in ten is sent as batch. Deterministic (seeded)."""
import random
import sys

MODELS = ["claude-haiku-4-5", "claude-sonnet-4-5", "gpt-4.1-mini", "deepseek-chat"]
# 1 M rows come to about 50 MB, the import's limit: short names and flags.


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(14)
    out = sys.stdout
    out.write("model,input_tokens,cache_read_tokens,output_tokens,timestamp,batch\n")
    for _ in range(rows):
        model = rng.choice(MODELS)
        inp = rng.randint(1, 400_000)
        cached = inp // 4 if rng.random() < 0.1 else 0
        day, minute = rng.randint(1, 30), rng.randrange(1_440)
        stamp = f"2026-11-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00Z"
        batch = "1" if rng.random() < 0.1 else "0"
        out.write(f"{model},{inp},{cached},{rng.randint(1, 999)},{stamp},{batch}\n")


if __name__ == "__main__":
    main()
