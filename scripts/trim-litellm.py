#!/usr/bin/env python3
"""Copies the text models of a few providers out of LiteLLM's price file.

Dev-time only: `llm-roi prices diff --against litellm` reads the output.

    pip download --no-deps litellm==1.110.2 -d /tmp/ll
    python3 scripts/trim-litellm.py /tmp/ll/litellm-1.110.2-*.whl \
        pricing/sources/litellm-1.110.2.json anthropic openai gemini deepseek

Keeps every entry whose `litellm_provider` is one of those named and whose
`mode` is chat or responses, unchanged, with the keys sorted: the same wheel
gives the same bytes.
"""
import json
import sys
import zipfile

MEMBER = "litellm/model_prices_and_context_window_backup.json"


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    wheel, out, wanted = argv[1], argv[2], set(argv[3:])
    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read(MEMBER))
    kept = {
        k: v
        for k, v in data.items()
        if isinstance(v, dict)
        and v.get("litellm_provider") in wanted
        and v.get("mode") in ("chat", "responses")
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(kept, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print(f"{out}: {len(kept)} of {len(data)} entries")


if __name__ == "__main__":
    main(sys.argv)
