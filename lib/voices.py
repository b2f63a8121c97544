"""Independent voices: which stored articles are copies of one story (a wire story or a hand-out reprinted with
a new headline, a trimmed ending, another dateline, a site's own lines), which copy is the group's original, and
where the story comes from. The decisions are made here; the index lives in the store (lib/store/voice_index.py,
`voice_signatures`, `voice_bands`, `voice_links`), so the CLI, the dashboard and Dask workers share it.

Copies
- An article's shingles are the word triples of its cleaned text (`Article.text`, the loader's boilerplate
  already gone), lower-cased, punctuation dropped.
- Two articles are copies when at least COPY_THRESHOLD (0.40) of the shorter one's shingles are in the other
  (containment: a copy cut short is wholly inside its original) and they share at least MIN_SHARED (40)
  shingles, or when at least TEASER_THRESHOLD (0.80) of the shorter one is in the other whatever its size (a copy
  cut to its lede). Measured on the real copy groups of ../shared/corpora/negotiations (bench/voices.py prints
  it; tests/test_voices_real.py keeps it): word-for-word copies and the spinner's rewording share 0.54-1.00,
  distinct stories of the same negotiation at most 0.29, rewrites of one agency story 0.10-0.47. 0.40 lies
  between 0.29 and 0.54 and keeps every copy found under a new headline, another dateline, a cut ending and up to
  five inserted "Also read" lines, all at once included (lowest 0.42); it breaks when three of a short excerpt's
  last paragraphs are cut (2 of 22 edited copies lost). The shared floor keeps a copy cut down to a quoted
  statement from joining another story quoting it (seen on the real pages). README "Independent voices" has the
  sweep.
- One voice: copies (word for word, or reworded by a spinner, which adds no reporting) are one voice; a rewrite
  or a write-through of an agency story that keeps less than COPY_THRESHOLD of the text is its own voice, since
  at that distance it is no closer to the story it rewrites than two distinct stories of one day are.
- Incremental: each article gets a MinHash signature (datasketch, NUM_PERM permutations), cut into the bands
  that datasketch's MinHashLSH picks for a Jaccard threshold of LSH_THRESHOLD. A new article looks up the
  buckets of its own bands only (each bucket keeps its first BUCKET_CAP articles); candidates whose containment
  estimated from the signatures reaches PREFILTER are checked exactly on their stored text, the best
  MAX_CHECKS of them. No article is ever compared with every stored one.
- Links: an article is linked to the copies it matches (the closest MAX_LINKS), but only to those that are
  also copies of its closest match, so that an article quoting two different stories does not join them.
  A group is a set of articles connected by links, among the articles not deleted, found when read: deleting or
  restoring an article changes the groups at once and nothing stored is rewritten. The group's original is its
  earliest-published member (undated ones last), then the first stored, then by file name; `voice_id` is the
  original's article_id (an article alone is its own voice).
- Concurrent ingests: the signatures and bands of a batch are committed first, the links are looked for after,
  in a second transaction, so of two ingests adding copies of one story at the same time the later one to
  commit its signatures finds the other's. A link is a pair stored once, whichever side finds it.
- A kill between the two steps, a store made before this index, or a change of SCHEME leaves articles without a
  current signature; `index_stored` (called at the start of every ingest) indexes them.

Where a story comes from (`voice_source`)
- An agency credit in an article's text (lib/lexicons/agencies.py: a dateline "ISLAMABAD (APP) -", a trailing
  "— Reuters" or "said.-AFP", "with input from AFP", a byline "…, Anadolu Agency"), read when it is indexed;
  the group's source is its original's credit, else the credit most of its copies carry, else the original's
  outlet ("" when that is unknown).

How a page uses it: `with_voices(engine, articles)` adds voice_id, copies, voice_source and is_original to the
store's articles frame; lib/voice_counts.py turns that into counts where a group counts once.
"""
from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from lib import store
from lib.lazy_import import submodule
from lib.lexicons.agencies import AGENCY_NAMES, CREDIT_RULES, LEAD_PARAGRAPHS, TAIL_PARAGRAPHS
from lib.records import Article

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from sqlalchemy.engine import Engine

SHINGLE_WORDS = 3  # words per shingle: triples separate copies from distinct stories best on the real groups
COPY_THRESHOLD = 0.40  # share of the shorter text's shingles found in the other: at or above, two copies...
MIN_SHARED = 40  # ...when they share at least this many shingles (about a paragraph of 40 words) ...
TEASER_THRESHOLD = 0.80  # ... or when this share of a shorter text is in the other (a copy cut to its lede)
NUM_PERM = 128  # MinHash permutations (512 bytes of signature per article)
SEED = 1  # of the permutations: signatures made with another seed cannot be compared
MINHASH_SCHEME = "affine32"  # datasketch's permutation scheme (its default since 2.0): 32-bit hash values
LSH_THRESHOLD = 0.1  # Jaccard the LSH bands are tuned for (64 bands of 2): a pair at 0.25 is found 98 times in 100
# The bands datasketch's MinHashLSH picks for that threshold and NUM_PERM (its weighing of missed pairs against false
# candidates), held here: asking it imports SciPy's integration (about 0.4 s of every process that indexes).
LSH_BANDS, LSH_ROWS = 64, 2
PREFILTER = 0.25  # estimated containment below which a candidate is not read and checked
BUCKET_CAP = 8  # articles a band's bucket keeps: the first copies of a much-copied story are enough to find it
MAX_CHECKS = 16  # candidates checked exactly per article, best estimate first
MAX_LINKS = 4  # links stored per article: a group stays connected when one of its members is deleted
INDEX_BATCH = 64  # stored articles indexed per call of `index_articles` by `index_stored`
SHINGLE_CACHE = 512  # shingle sets of indexed articles kept in memory (about 25 MB): the candidates read most
# Everything that makes two signatures comparable and their links valid; another scheme is indexed again.
SCHEME = (f"words{SHINGLE_WORDS}-copy{COPY_THRESHOLD}-{MIN_SHARED}-{TEASER_THRESHOLD}-perm{NUM_PERM}-seed{SEED}"
          f"-{MINHASH_SCHEME}-lsh{LSH_THRESHOLD}")

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SHINGLES: OrderedDict[str, frozenset] = OrderedDict()  # article_id -> shingles, latest used last
_CACHE_LOCK = threading.Lock()  # the dashboard may index from several sessions' threads
_CREDITS = tuple((name, where, re.compile(pattern)) for name, where, pattern in CREDIT_RULES)


# ------------------------------------------------------------------------------------------------ shingles

def words(text: str) -> list[str]:
    """The words of a text, lower-cased, apostrophes kept inside a word, every other sign dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower().replace("’", "'"))


def shingles(text: str) -> frozenset[str]:
    """The word triples of a text (the whole text as one shingle when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= SHINGLE_WORDS:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1))


def overlap(a: frozenset, b: frozenset) -> tuple[float, int]:
    """(containment, shingles in common): the share of the smaller set's shingles that are in the other set (0
    when either is empty), and their number."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


def containment(a: frozenset, b: frozenset) -> float:
    """The share of the smaller set's shingles that are in the other set (0 when either is empty)."""
    return overlap(a, b)[0]


def passes(share: float, shared: int, threshold: float = COPY_THRESHOLD) -> bool:
    """The rule on an overlap: containment at least `threshold` with MIN_SHARED shingles in common, or
    containment at least TEASER_THRESHOLD whatever the size. A copy cut down to a paragraph or two that holds a
    quoted statement shares the statement with every story quoting it: the shared-count floor keeps it from
    joining them unless nearly all of it is in the other text."""
    return share >= TEASER_THRESHOLD or (share >= threshold and shared >= MIN_SHARED)


def is_copy(a: frozenset, b: frozenset, threshold: float = COPY_THRESHOLD) -> bool:
    """Whether two shingle sets are copies of one story (`passes`)."""
    return passes(*overlap(a, b), threshold)


def are_copies(text_a: str, text_b: str) -> bool:
    """Whether two texts are copies of one story (the exact rule the index applies to its candidates)."""
    return is_copy(shingles(text_a), shingles(text_b))


# ------------------------------------------------------------------------------------------------ MinHash, LSH

def signatures(shingle_sets: Iterable[frozenset]) -> list[np.ndarray]:
    """The MinHash signature of each set (datasketch; NUM_PERM little-endian uint32 values)."""
    MinHash = submodule("datasketch", "minhash").MinHash

    hashed = [[s.encode("utf-8") for s in sorted(shingle_set)] for shingle_set in shingle_sets]
    if not hashed:
        return []
    return [m.hashvalues.astype("<u4") for m in MinHash.bulk(hashed, num_perm=NUM_PERM, seed=SEED,
                                                           scheme=MINHASH_SCHEME)]


def signature_from_bytes(data: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(data, dtype="<u4")


def lean_minhash(signature: np.ndarray):
    """A signature as datasketch's LeanMinHash, what a Jaccard estimate is read from (made once per signature: a
    new article is compared with dozens of candidates)."""
    LeanMinHash = submodule("datasketch", "lean_minhash").LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=signature, scheme=MINHASH_SCHEME)


def estimated_containment(sig_a, n_a: int, sig_b, n_b: int) -> float:
    """Containment of the smaller set estimated from two signatures (arrays, or `lean_minhash` of them) and the two
    set sizes: the Jaccard estimate J gives the intersection J (n_a + n_b) / (1 + J)."""
    lean_a, lean_b = (sig if hasattr(sig, "jaccard") else lean_minhash(sig) for sig in (sig_a, sig_b))
    jaccard = lean_a.jaccard(lean_b)
    if not n_a or not n_b:
        return 0.0
    return min(1.0, jaccard * (n_a + n_b) / (1.0 + jaccard) / min(n_a, n_b))


def band_ranges() -> tuple[tuple[int, int], ...]:
    """The (start, end) slices of a signature that make its LSH bands: LSH_BANDS bands of LSH_ROWS values, what
    datasketch's MinHashLSH chooses for LSH_THRESHOLD and NUM_PERM (tests/test_voices.py asks it)."""
    return tuple((band * LSH_ROWS, (band + 1) * LSH_ROWS) for band in range(LSH_BANDS))


@lru_cache(maxsize=1)
def _band_salts() -> tuple[tuple[bytes, int, int], ...]:
    return tuple((f"{SCHEME}|{band}|".encode(), 4 * start, 4 * end) for band, (start, end) in enumerate(band_ranges()))


def band_keys(signature: np.ndarray) -> list[int]:
    """One 64-bit key per band (what MinHashLSH's hash tables key on), salted with SCHEME and the band's number so
    that keys of two bands, or of two schemes, never meet."""
    data = signature.astype("<u4").tobytes()
    return [int.from_bytes(hashlib.blake2b(salt + data[start:end], digest_size=8).digest(), "big", signed=True)
            for salt, start, end in _band_salts()]


# ------------------------------------------------------------------------------------------------ credits

def agency_credit(text: str, stripped: Sequence[str] = ()) -> Optional[str]:
    """The agency the article credits for its story (lib/lexicons/agencies.py), or None."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    extra = [line for line in stripped if isinstance(line, str)]
    places = {"lead": paragraphs[:LEAD_PARAGRAPHS] + extra, "tail": paragraphs[-TAIL_PARAGRAPHS:] + extra,
              "any": paragraphs + extra}
    for _name, where, pattern in _CREDITS:
        for line in places[where]:
            found = pattern.search(line)
            if found:
                return AGENCY_NAMES[" ".join(found.group("agency").split())]
    return None


# ------------------------------------------------------------------------------------------------ the index

@dataclass(frozen=True)
class Signed:
    """Articles whose signatures and bands are stored, ready to be linked: shingles, signature, band keys."""

    sets: dict[str, frozenset] = field(default_factory=dict)
    sigs: dict = field(default_factory=dict)
    keys: dict[str, list[int]] = field(default_factory=dict)


def index_articles(engine: Engine, articles: Sequence[Article]) -> int:
    """Add articles to the store's index and link each to the stored copies it matches; returns the number of
    links found. Two transactions: the signatures and bands (`add_signatures`), then the links (`link_signed`)
    (see the module's docstring)."""
    return link_signed(engine, add_signatures(engine, articles))


def add_signatures(engine: Engine, articles: Sequence[Article]) -> Signed:
    """Store the signatures, agency credits and LSH bands of these articles (one transaction)."""
    by_id = {a.article_id: a for a in articles}
    if not by_id or store.is_readonly():
        return Signed()
    sets = {aid: shingles(a.text) for aid, a in by_id.items()}
    sigs = dict(zip(sets, signatures(sets.values())))
    keys = {aid: band_keys(sig) for aid, sig in sigs.items()}
    rows = [dict(article_id=aid, scheme=SCHEME, n_shingles=len(sets[aid]), signature=sigs[aid].tobytes(),
                 agency=agency_credit(a.text, a.stripped) or "") for aid, a in by_id.items()]
    store.save_voice_signatures(engine, rows, [(key, aid) for aid, ks in keys.items() for key in ks], BUCKET_CAP)
    remember(sets)  # the first copies of a story are the candidates of the next ones
    return Signed(sets, sigs, keys)


def link_signed(engine: Engine, signed: Signed) -> int:
    """Look up the copies of articles already signed and store the links (one transaction)."""
    if not signed.sets:
        return 0
    links = find_links(engine, signed.sets, signed.sigs, signed.keys)
    store.save_voice_links(engine, links)
    return len(links)


def stored_shingles(engine: Engine, ids: Iterable[str]) -> dict[str, frozenset]:
    """article_id -> shingles of those of `ids` that are stored: from the cache when there, else from the stored
    text (then cached). An id is the hash of its text, so a cached set is never stale."""
    found, missing = {}, []
    with _CACHE_LOCK:
        for aid in ids:
            if aid in _SHINGLES:
                _SHINGLES.move_to_end(aid)
                found[aid] = _SHINGLES[aid]
            else:
                missing.append(aid)
    if missing:
        read = {aid: shingles(text) for aid, text in store.read_article_texts(engine, missing).items()}
        remember(read)
        found.update(read)
    return found


def remember(sets: dict[str, frozenset]) -> None:
    """Keep these shingle sets in the cache (the latest SHINGLE_CACHE sets used)."""
    with _CACHE_LOCK:
        for aid, shingle_set in sets.items():
            _SHINGLES[aid] = shingle_set
            _SHINGLES.move_to_end(aid)
        while len(_SHINGLES) > SHINGLE_CACHE:
            _SHINGLES.popitem(last=False)


def clear_shingle_cache() -> None:
    with _CACHE_LOCK:
        _SHINGLES.clear()


def find_links(engine: Engine, sets: dict[str, frozenset], sigs: dict[str, np.ndarray],
               keys: dict[str, list[int]]) -> list[tuple[str, str, float]]:
    """(article, copy, containment) for each article of `sets` and the stored copies it matches: candidates from
    the buckets of its bands, ranked by estimated containment, the best checked exactly on their text."""
    buckets = store.voice_buckets(engine, sorted({k for ks in keys.values() for k in ks}))
    candidates = {aid: {other for k in ks for other in buckets.get(k, ()) if other != aid}
                  for aid, ks in keys.items()}
    wanted = set().union(*candidates.values()) - set(sigs)
    known = {aid: (len(sets[aid]), sigs[aid]) for aid in sigs}
    for aid, (scheme, n, data) in store.read_voice_signatures(engine, wanted).items():
        if scheme == SCHEME:
            known[aid] = (n, signature_from_bytes(data))
    lean = {aid: lean_minhash(sig) for aid, (_n, sig) in known.items()}
    ranked = {}
    for aid, others in candidates.items():
        n = known[aid][0]
        scored = sorted((-estimated_containment(lean[aid], n, lean[o], known[o][0]), o) for o in others if o in known)
        ranked[aid] = [o for score, o in scored if -score >= PREFILTER][:MAX_CHECKS]
    shingled = {**sets, **stored_shingles(engine, set().union(*ranked.values()) - set(sets))}
    links = []
    for aid, others in ranked.items():
        overlaps = ((overlap(sets[aid], shingled[o]), o) for o in others if o in shingled)
        matches = sorted(((o, share) for (share, shared), o in overlaps if passes(share, shared)),
                         key=lambda item: (-item[1], item[0]))
        if matches:
            closest = shingled[matches[0][0]]
            matches = [(o, sim) for o, sim in matches
                       if o == matches[0][0] or is_copy(closest, shingled[o])]
        links.extend((aid, o, sim) for o, sim in matches[:MAX_LINKS])
    return links


def index_stored(engine: Engine, batch: int = INDEX_BATCH) -> int:
    """Index the stored articles (deleted ones included) that have no signature of the current SCHEME: a store
    made before this index, an ingest killed between its save and its index, a changed scheme. Nothing to do
    costs one query and imports nothing; in read-only mode nothing is written. Returns the number indexed."""
    if store.is_readonly():
        return 0
    ids = store.unindexed_articles(engine, SCHEME)
    done = 0
    it = iter(ids)
    while chunk := list(islice(it, batch)):
        articles = store.stored_article_records(engine, chunk)
        index_articles(engine, articles)
        done += len(articles)
    return done


# ------------------------------------------------------------------------------------------------ groups

VOICE_COLUMNS = ["voice_id", "copies", "voice_source", "is_original"]


def original_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows sorted original-first: by publication date (undated last), then when stored (`added_at`), then
    file and article_id (a missing column counts as empty)."""
    import pandas as pd

    def text(col: str) -> list[str]:
        if col not in frame.columns:
            return [""] * len(frame)
        return [v.strip() if isinstance(v, str) else "" for v in frame[col]]

    keys = pd.DataFrame({"published": text("published"), "added": text("added_at"), "file": text("file"),
                         "article_id": text("article_id")})
    keys["undated"] = keys["published"] == ""
    order = keys.sort_values(["undated", "published", "added", "file", "article_id"], kind="stable").index
    return frame.iloc[order.to_numpy()]


def _components(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """article_id -> a representative of its connected set (union-find; scipy's connected_components would cost
    half a second of import on every dashboard start)."""
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {i: root(i) for i in ids}


def _text_or_empty(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def assign_voices(members: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The voice of each member (pure). `members`: article_id, file, outlet, published, added_at, agency (the
    articles not deleted, as `store.read_voice_index` gives them); `links`: article_a, article_b. Returns
    article_id, voice_id (the original's id), copies (the group's size), voice_source (the original's agency
    credit, else the credit most of the group carry, else the original's outlet, else "") and is_original."""
    import pandas as pd

    if members is None or members.empty:
        return pd.DataFrame(columns=["article_id", *VOICE_COLUMNS])
    ordered = original_first(members.drop_duplicates("article_id")).reset_index(drop=True)
    group = _components(ordered["article_id"].tolist(),
                        zip(links["article_a"], links["article_b"]) if links is not None and len(links) else ())
    ordered["_group"] = ordered["article_id"].map(group)
    voice_id, copies, source = {}, {}, {}
    for key, rows in ordered.groupby("_group", sort=False):  # rows keep the original-first order
        first = rows.iloc[0]
        voice_id[key], copies[key] = first["article_id"], len(rows)
        credits = [c for c in map(_text_or_empty, rows["agency"]) if c]
        source[key] = (_text_or_empty(first["agency"]) or (Counter(credits).most_common(1)[0][0] if credits else "")
                       or _text_or_empty(first["outlet"]))
    out = pd.DataFrame({"article_id": ordered["article_id"],
                        "voice_id": ordered["_group"].map(voice_id),
                        "copies": ordered["_group"].map(copies).astype(int),
                        "voice_source": ordered["_group"].map(source)})
    out["is_original"] = out["article_id"] == out["voice_id"]
    return out.reset_index(drop=True)


def voice_table(engine: Engine, within: Optional[Iterable[str]] = None) -> pd.DataFrame:
    """The voice of every article not deleted (`assign_voices` over the store's index); `within`: of these
    articles only, grouped among themselves (an export: every voice_id is then one of its rows)."""
    members, links = store.read_voice_index(engine)
    if within is not None:
        keep = set(within)
        members = members[members["article_id"].isin(keep)]
        links = links[links["article_a"].isin(keep) & links["article_b"].isin(keep)]
    return assign_voices(members, links)


def with_voices(engine: Engine, articles: pd.DataFrame, within_frame: bool = False) -> pd.DataFrame:
    """A copy of an articles frame (`store.read_articles`, any filters) with voice_id, copies, voice_source and
    is_original added at the end. By default groups span the whole store, not only the rows given (a copy whose
    original is filtered out still names it); `within_frame`: grouped among the frame's articles only. An
    article the index does not hold stands alone (its own voice, copies 1)."""
    within = articles["article_id"].tolist() if within_frame and "article_id" in articles else None
    return attach_voices(articles, voice_table(engine, within))


def attach_voices(articles: pd.DataFrame, voices: pd.DataFrame) -> pd.DataFrame:
    """`articles` with the voice columns of `voices` (`assign_voices`'s frame) joined on article_id (pure)."""
    frame = articles.drop(columns=[c for c in VOICE_COLUMNS if c in articles.columns])
    if frame.empty:
        for col in VOICE_COLUMNS:
            frame[col] = []
        return frame
    by_id = voices.set_index("article_id") if len(voices) else None
    ids = frame["article_id"]
    if by_id is None:
        frame["voice_id"] = ids.to_numpy()
        frame["copies"] = 1
        frame["voice_source"] = [_text_or_empty(o) for o in frame.get("outlet", [""] * len(frame))]
    else:
        frame["voice_id"] = ids.map(by_id["voice_id"]).fillna(ids).to_numpy()
        frame["copies"] = ids.map(by_id["copies"]).fillna(1).astype(int).to_numpy()
        own = [_text_or_empty(o) for o in frame["outlet"]] if "outlet" in frame else [""] * len(frame)
        mapped = ids.map(by_id["voice_source"])
        frame["voice_source"] = [m if isinstance(m, str) else o for m, o in zip(mapped, own)]
    frame["is_original"] = (frame["voice_id"] == frame["article_id"]).to_numpy()
    return frame
