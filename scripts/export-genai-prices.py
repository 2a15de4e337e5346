#!/usr/bin/env python3
"""Writes the price data of a genai-prices wheel as JSON, in the schema of the
genai-prices repository's prices/data.json (a list of providers), plus the
package's own `price_variants` (batch and service-tier prices).

Dev-time only: the Rust importer (`llm-roi prices import`) reads the output.

    pip download --no-deps genai-prices==0.2.3 -d /tmp/gp
    python3 scripts/export-genai-prices.py /tmp/gp/genai_prices-0.2.3-py3-none-any.whl \
        pricing/sources/genai-prices-0.2.3.json anthropic openai google deepseek

It reads the wheel without installing it and without running the package's
__init__ (which needs httpx2): only the data and type modules are imported.
Decimals become strings, dates ISO dates, times "HH:MM:SSZ". The output is
deterministic: same wheel, same bytes.
"""
import dataclasses
import datetime
import decimal
import json
import sys
import tempfile
import types
import zipfile


def load(wheel):
    root = tempfile.mkdtemp(prefix="genai-prices-")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(root)
    pkg = types.ModuleType("genai_prices")
    pkg.__path__ = [f"{root}/genai_prices"]
    sys.modules["genai_prices"] = pkg
    from genai_prices import data, types as t  # noqa: E402

    return data.providers, t


CLAUSES = {
    "ClauseStartsWith": "starts_with",
    "ClauseEndsWith": "ends_with",
    "ClauseContains": "contains",
    "ClauseRegex": "regex",
    "ClauseEquals": "equals",
}


def plain(v, t):
    """The JSON form of one value of the package's types."""
    if v is None or isinstance(v, (str, bool, int)):
        return v
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, datetime.time):
        return v.strftime("%H:%M:%S") + ("Z" if v.tzinfo is not None else "")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [plain(x, t) for x in v]
    if isinstance(v, dict):
        return {k: plain(x, t) for k, x in v.items()}
    name = type(v).__name__
    if name in CLAUSES:
        return {CLAUSES[name]: plain(getattr(v, CLAUSES[name]), t)}
    if name == "ClauseOr":
        return {"or": plain(v.or_, t)}
    if name == "ClauseAnd":
        return {"and": plain(v.and_, t)}
    if name == "ModelPrice":
        return {k: plain(x, t) for k, x in v.__dict__.items() if x is not None and not k.startswith("_")}
    if dataclasses.is_dataclass(v):
        out = {}
        for f in dataclasses.fields(v):
            if f.name.startswith("_") or not f.init:
                continue
            x = getattr(v, f.name)
            if x is None or f.name == "extractors":
                continue
            out[f.name] = plain(x, t)
        return out
    raise TypeError(f"no JSON form for {name}")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    wheel, out, wanted = argv[1], argv[2], set(argv[3:])
    providers, t = load(wheel)
    rows = [plain(p, t) for p in providers if not wanted or p.id in wanted]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out}: {len(rows)} providers, {sum(len(r.get('models', [])) for r in rows)} models")


if __name__ == "__main__":
    main(sys.argv)
