#!/usr/bin/env python3
"""Writes a generated usage log in the generic CSV format, for measuring the
import: `scripts/gen-usage-log.py 1000000 > /tmp/usage-1m.csv` (49 MB).

Rows cycle through four models and 30 days; inputs run from 1 to 400,000
tokens (both sides of every long-context threshold), a quarter of them with
cache reads, one row in four sent as batch. Deterministic (seeded)."""
import random
import sys

MODELS = ["claude-haiku-4-5", "claude-sonnet-4-5", "gpt-4.1-mini", "deepseek-chat"]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(14)
    out = sys.stdout
    out.write("model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,timestamp,batch\n")
    for i in range(rows):
        model = MODELS[i % len(MODELS)]
        inp = rng.randint(1, 400_000)
        cached = inp // 4 if i % 4 == 0 else 0
        out.write(f"{model},{inp},{cached},0,{rng.randint(1, 4_000)},2026-11-{i % 30 + 1:02d},{'true' if i % 4 == 0 else 'false'}\n")


if __name__ == "__main__":
    main()
