#!/usr/bin/env python3
"""Check that every citation excerpt is verbatim from the stored source text.

Usage: check_excerpts.py DATASET_DIR SOURCE_ID=TEXT_FILE [SOURCE_ID=TEXT_FILE ...]

Each TEXT_FILE is a source's stored text with one paragraph per line, as in the curators'
`shared/sources/`. For every citation of a listed source (in records, roles and relations),
the excerpt must occur in the text, and when the locator is `line N`, on line N. Citations of
sources not listed are not checked. A quote's `text` (the quoted words, or the source's
sentence for a paraphrase) must occur in the text of a listed source it cites. Prints every
problem, exits 1 if there is any.
"""
import json
import re
import sys
from pathlib import Path


def citations(value, pointer=""):
    """Yields (pointer, citation) for every citation object anywhere in value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "citations" and isinstance(item, list):
                for i, c in enumerate(item):
                    yield f"{pointer}/citations/{i}", c
            else:
                yield from citations(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from citations(item, f"{pointer}/{i}")


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    dataset = Path(argv[1])
    texts = {}
    for pair in argv[2:]:
        source, _, path = pair.partition("=")
        texts[source] = Path(path).read_text(encoding="utf-8").split("\n")
    problems, checked = [], 0
    for file in sorted(dataset.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        for pointer, c in citations(data):
            lines = texts.get(c.get("source"))
            if lines is None or "excerpt" not in c:
                continue
            checked += 1
            excerpt, locator = c["excerpt"], c.get("locator", "")
            where = f"{file}: {pointer}"
            match = re.fullmatch(r"line (\d+)", locator)
            if match:
                n = int(match.group(1))
                if not 1 <= n <= len(lines):
                    problems.append(f"{where}: {locator} is past the end of the text")
                elif excerpt not in lines[n - 1]:
                    found = [i + 1 for i, line in enumerate(lines) if excerpt in line]
                    hint = f" (found on line {found[0]})" if found else ""
                    problems.append(f"{where}: excerpt is not on {locator}{hint}: {excerpt!r}")
            elif not any(excerpt in line for line in lines):
                problems.append(f"{where}: excerpt is not in the text: {excerpt!r}")
    quotes = json.loads((dataset / "quotes.json").read_text(encoding="utf-8"))["quotes"]
    for i, q in enumerate(quotes):
        cited = [texts[c["source"]] for c in q["citations"] if c["source"] in texts]
        if not cited:
            continue
        checked += 1
        if not any(q["text"] in line for lines in cited for line in lines):
            problems.append(f"{dataset / 'quotes.json'}: /quotes/{i}/text is not in the cited text: {q['text']!r}")
    for p in problems:
        print(p)
    print(f"{checked} excerpts and quotes checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
