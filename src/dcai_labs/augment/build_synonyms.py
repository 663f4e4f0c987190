"""Build the compact synonym table of ``dcai_labs.augment.text`` from WordNet 3.0.

Text augmentation in the style of EDA (Wei and Zou, 2019) needs synonyms. WordNet is the usual source,
but no PyPI package ships its data and NLTK's copy is downloaded at run time, which this offline course
cannot do. So the table is built once, by this script, from the WordNet 3.0 database files, and the
result (``resources/synonyms.tsv.gz``, a few hundred kB) is committed together with WordNet's licence.
The runtime code only reads that file; nobody who uses the course needs WordNet installed.

To rebuild it (Debian or Ubuntu)::

    apt-get install -y wordnet-base          # /usr/share/wordnet/{index,data}.{noun,verb,adj,adv}
    python -m dcai_labs.augment.build_synonyms [--wordnet-dir DIR] [--out FILE]

How the table is made, reading the files directly (their format is documented in wndb(5WN)):

* every ``data.<pos>`` line is a *synset*: a set of words that share one meaning. Two words are synonyms
  when they share a synset;
* every ``index.<pos>`` line lists a word's synsets, most frequent sense first, and ``tagsense_cnt``, the
  number of its senses seen in the SemCor sense-tagged corpus. We call a word *common* when it was seen
  there at least once, or when the course's review generator can write it;
* the table maps each common single word (lower-case letters only) to its common single-word synonyms,
  ordered by the word's sense frequency and then alphabetically, without duplicates or the word itself.

Multi-word expressions ("ice_cream") and rare words are left out: they would make augmented reviews
read oddly and the file large, and EDA only needs a few plausible replacements per word.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections.abc import Iterable
from pathlib import Path

POS_FILES = ("noun", "verb", "adj", "adv")
DEFAULT_WORDNET_DIR = Path("/usr/share/wordnet")
RESOURCES = Path(__file__).resolve().parent / "resources"
DEFAULT_OUT = RESOURCES / "synonyms.tsv.gz"
WORD = re.compile(r"^[a-z]+$")
# Adjective lemmas in data.adj may carry a syntactic marker: "galore(ip)", "elect(p)", "beautiful(a)".
MARKER = re.compile(r"\((?:a|p|ip)\)$")


def read_synsets(path: Path) -> dict[str, list[str]]:
    """Synset offset -> its words (lower-case, markers removed), from one ``data.<pos>`` file.

    Lines starting with two spaces are the licence header. A data line reads
    ``offset lex_filenum ss_type w_cnt word lex_id [word lex_id ...] p_cnt ... | gloss`` with ``w_cnt``
    in hexadecimal.
    """
    synsets: dict[str, list[str]] = {}
    with path.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split(" ")
            count = int(fields[3], 16)
            words = [MARKER.sub("", fields[4 + 2 * i]).lower() for i in range(count)]
            synsets[fields[0]] = words
    return synsets


def read_index(path: Path) -> Iterable[tuple[str, list[str], int]]:
    """(lemma, synset offsets most frequent sense first, tagsense_cnt) for each ``index.<pos>`` line.

    ``lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset [synset_offset...]``
    """
    with path.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split()
            synset_count, pointer_count = int(fields[2]), int(fields[3])
            tagged = int(fields[5 + pointer_count])
            offsets = fields[6 + pointer_count : 6 + pointer_count + synset_count]
            yield fields[0].lower(), offsets, tagged


def review_vocabulary(n_reviews: int = 4000) -> set[str]:
    """Lower-case words the course's review generator writes (so every review word can get synonyms)."""
    from dcai_labs.augment.text import tokenize
    from dcai_labs.data import generate_reviews

    words: set[str] = set()
    for text in generate_reviews(n_reviews, seed=0)["text"]:
        words.update(tokenize(text))
    return words


def build_table(wordnet_dir: Path, extra_common: set[str]) -> dict[str, list[str]]:
    """word -> ordered common single-word synonyms; see the module docstring for the rules."""
    entries: list[tuple[str, list[str], dict[str, list[str]]]] = []
    common = set(extra_common)
    for pos in POS_FILES:
        synsets = read_synsets(wordnet_dir / f"data.{pos}")
        for lemma, offsets, tagged in read_index(wordnet_dir / f"index.{pos}"):
            if tagged > 0:
                common.add(lemma)
            entries.append((lemma, offsets, synsets))
    table: dict[str, list[str]] = {}
    for lemma, offsets, synsets in entries:
        if not WORD.match(lemma) or lemma not in common:
            continue
        found = table.setdefault(lemma, [])
        for offset in offsets:
            for word in sorted(synsets[offset]):
                if word != lemma and WORD.match(word) and word in common and word not in found:
                    found.append(word)
    return {word: synonyms for word, synonyms in sorted(table.items()) if synonyms}


def write_table(table: dict[str, list[str]], out: Path) -> None:
    """``word<TAB>syn1 syn2 ...`` lines, gzip'd with a fixed timestamp so rebuilding gives the same bytes."""
    text = "".join(f"{word}\t{' '.join(synonyms)}\n" for word, synonyms in table.items())
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--wordnet-dir",
        type=Path,
        default=DEFAULT_WORDNET_DIR,
        help="folder holding WordNet 3.0's index.* and data.* files (default: %(default)s)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="table to write (default: %(default)s)")
    args = parser.parse_args(argv)
    missing = [
        f"{kind}.{pos}"
        for kind in ("index", "data")
        for pos in POS_FILES
        if not (args.wordnet_dir / f"{kind}.{pos}").is_file()
    ]
    if missing:
        raise SystemExit(
            f"WordNet files missing in {args.wordnet_dir}: {', '.join(missing)} "
            "(apt-get install wordnet-base, or pass --wordnet-dir)"
        )
    table = build_table(args.wordnet_dir, review_vocabulary())
    write_table(table, args.out)
    pairs = sum(len(s) for s in table.values())
    print(f"wrote {args.out}: {len(table):,} words, {pairs:,} synonym entries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
