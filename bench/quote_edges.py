#!/usr/bin/env python3
"""Counts author-voice matches that stand before a closing quotation mark.

A match in the author's voice whose next double quotation mark, in the same
sentence and paragraph, closes a quotation (a non-space before it, no letter
after it) is either inside a scare quote or inside a quotation whose marks
were flipped. The count before and after a change to quotation finding shows
how many flips it removed; the rows it writes are the ones to read.

usage: quote_edges.py CORPUS.jsonl MATCHES.csv [ROWS.csv]

MATCHES.csv is `framelens matches CORPUS.jsonl -o MATCHES.csv`. The corpus is
read at run time and never copied.
"""
import csv
import json
import re
import sys
from collections import Counter


def closes(text, i):
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def main():
    corpus, matches = sys.argv[1], sys.argv[2]
    texts = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    found, author, by_category = [], 0, Counter()
    with open(matches, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["voice"] != "author":
                continue
            author += 1
            text = texts[row["doc_id"]]
            end = int(row["end_char"])
            paragraph_end = text.find("\n", end)
            if paragraph_end < 0:
                paragraph_end = len(text)
            mark = min(
                (i for i in (text.find(m, end, paragraph_end) for m in '"”') if i >= 0),
                default=-1,
            )
            if mark < 0 or not closes(text, mark):
                continue
            if re.search(r"[.!?]\s", text[end:mark]):
                continue
            found.append(row)
            by_category[row["category"]] += 1
    print(f"author-voice matches: {author}")
    print(f"before a closing mark in their sentence: {len(found)}", dict(sorted(by_category.items())))
    if len(sys.argv) > 3 and found:
        with open(sys.argv[3], "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(found[0]))
            writer.writeheader()
            writer.writerows(found)


if __name__ == "__main__":
    main()
