"""The codebook (config/codebook.yaml) and the human reference coding, loaded and checked.

Both are analyst-edited YAML, so every problem is reported as an InputError naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import load_checked, read_yaml
from ..errors import InputError

KINDS = ("bipolar", "salience")
WEIGHT_KEYS = ("normative", "descriptive", "hedged", "reported", "quoted")
MARKER_KEYS = (
    "normative",
    "hedge",
    "reporting",
    "attribution",
    "negation",
    "negation_exceptions",
    "intensifier",
    "clause_break",
    "anaphora",
    "first_person",
)


@dataclass(frozen=True)
class Cue:
    phrase: str
    value: float
    weight: float = 1.0


@dataclass(frozen=True)
class Dimension:
    name: str
    question: str
    kind: str
    scale: tuple[int, int]
    poles: dict
    topic: tuple[str, ...]
    cues: tuple[Cue, ...]
    salience: tuple[int, ...] = ()
    scope: tuple[tuple[str, ...], ...] = ()  # term groups the article must each keep mentioning

    @property
    def span(self) -> float:
        return float(self.scale[1] - self.scale[0])


@dataclass(frozen=True)
class Codebook:
    dimensions: tuple[Dimension, ...]
    markers: dict = field(default_factory=dict)  # marker kind -> tuple of phrases
    weights: dict = field(default_factory=dict)
    negation_window: int = 5
    null_threshold_grid: tuple[float, ...] = (1.0,)
    default_null_threshold: float = 1.0
    negation_factor: float = 0.5  # share of a negated cue's value kept, with its sign flipped
    intensity_factor: float = 1.5  # multiplier of a cue's value next to an intensifier (clipped to the scale)
    min_scope_sentences: int = 2
    quote_min_words: int = 5  # shorter text between quotation marks is a scare quote or a title

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)


def _read_yaml(path) -> dict:
    data = read_yaml(path, "annotation file")
    if not isinstance(data, dict):
        raise InputError(path, "is not a mapping", "restore the file's structure (see its header comment)")
    return data


def _phrases(path, where: str, items) -> tuple[str, ...]:
    if not isinstance(items, list) or not all(isinstance(p, str) and p.strip() for p in items):
        raise InputError(
            path, f"{where} must be a list of non-empty phrases", "write it as a YAML list of strings"
        )
    return tuple(p.strip().lower() for p in items)


def _scope(path, where: str, items) -> tuple[tuple[str, ...], ...]:
    """One list of terms, or a list of such lists that must all be met ("sanctions" and "Russia")."""
    groups = (
        items if isinstance(items, list) and items and all(isinstance(g, list) for g in items) else [items]
    )
    return tuple(_phrases(path, f"{where}.scope", group) for group in groups)


def _dimension(path, name: str, spec) -> Dimension:
    where = f"dimensions.{name}"
    if not isinstance(spec, dict):
        raise InputError(
            path, f"{where} is not a mapping", "give question, kind, scale, poles, topic and cues"
        )
    kind = spec.get("kind")
    if kind not in KINDS:
        raise InputError(path, f"{where}.kind is {kind!r}", f"use one of {', '.join(KINDS)}")
    scale = spec.get("scale")
    if not (
        isinstance(scale, list)
        and len(scale) == 2
        and all(isinstance(v, int) for v in scale)
        and scale[0] < scale[1]
    ):
        raise InputError(path, f"{where}.scale is {scale!r}", "give [min, max] as two integers, min < max")
    if kind == "bipolar" and not scale[0] < 0 < scale[1]:
        raise InputError(
            path,
            f"{where}.scale {scale} has no negative and positive pole",
            "a bipolar scale runs from a negative to a positive value, e.g. [-2, 2]",
        )
    if kind == "salience" and scale[0] != 0:
        raise InputError(path, f"{where}.scale must start at 0 for a salience dimension", "use e.g. [0, 2]")
    cues = []
    for i, cue in enumerate(spec.get("cues") or []):
        if not isinstance(cue, dict) or not isinstance(cue.get("phrase"), str):
            raise InputError(
                path, f"{where}.cues[{i}] has no phrase", "write cues as {phrase: ..., value: ...}"
            )
        value = cue.get("value", scale[1] if kind == "salience" else None)
        if not isinstance(value, (int, float)) or not scale[0] <= value <= scale[1]:
            raise InputError(
                path,
                f"{where}.cues[{i}] ({cue['phrase']!r}) has value {value!r}",
                f"give a value within the scale {scale}",
            )
        cues.append(Cue(cue["phrase"].strip().lower(), float(value), float(cue.get("weight", 1.0))))
    if not cues:
        raise InputError(path, f"{where} has no cues", "list at least one cue phrase")
    salience = tuple(spec.get("salience") or ())
    if kind == "salience" and (len(salience) != scale[1] or list(salience) != sorted(salience)):
        raise InputError(
            path,
            f"{where}.salience is {list(salience)!r}",
            f"give {scale[1]} ascending sentence counts, one per score above 0",
        )
    topic = _phrases(path, f"{where}.topic", spec.get("topic", [])) if kind == "bipolar" else ()
    if kind == "bipolar" and not topic:
        raise InputError(path, f"{where}.topic is empty", "list the terms that anchor the question")
    scope = (
        _scope(path, where, spec["scope"])
        if kind == "bipolar" and "scope" in spec
        else ((topic,) if topic else ())
    )
    return Dimension(
        name,
        str(spec.get("question", name)),
        kind,
        (scale[0], scale[1]),
        dict(spec.get("poles") or {}),
        topic,
        tuple(cues),
        salience,
        scope,
    )


def load_codebook(path) -> Codebook:
    data = load_checked(path, "codebook")
    dims = data.get("dimensions")
    if not isinstance(dims, dict) or not dims:
        raise InputError(
            path, "has no `dimensions` mapping", "list at least one dimension under `dimensions:`"
        )
    settings = data.get("settings") or {}
    markers = {k: _phrases(path, f"settings.{k}", settings.get(k, [])) for k in MARKER_KEYS}
    weights = settings.get("weights") or {}
    missing = [k for k in WEIGHT_KEYS if not isinstance(weights.get(k), (int, float))]
    if missing:
        raise InputError(
            path, f"settings.weights lacks {', '.join(missing)}", f"give numbers for {', '.join(WEIGHT_KEYS)}"
        )
    grid = tuple(float(v) for v in settings.get("null_threshold_grid") or ())
    default = float(settings.get("default_null_threshold", grid[0] if grid else 1.0))
    numbers = {}
    for key, kind, low, high in (
        ("negation_window", int, 1, 50),
        ("negation_factor", float, 0, 1),
        ("intensity_factor", float, 1, 4),
        ("min_scope_sentences", int, 1, 100),
        ("quote_min_words", int, 1, 100),
    ):
        value = settings.get(key, getattr(Codebook, key))
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
            raise InputError(path, f"settings.{key} is {value!r}", f"give a number from {low} to {high}")
        numbers[key] = kind(value)
    return Codebook(
        tuple(_dimension(path, n, s) for n, s in dims.items()),
        markers,
        {k: float(weights[k]) for k in WEIGHT_KEYS},
        null_threshold_grid=grid or (default,),
        default_null_threshold=default,
        **numbers,
    )


def load_coding(path, codebook: Codebook):
    """The human coding as rows (article_id, dimension, score, evidence, rationale)."""
    import pandas as pd

    data = _read_yaml(path)
    articles = data.get("articles")
    if not isinstance(articles, dict):
        raise InputError(
            path, "has no `articles` mapping", "code articles under `articles: {<id>: {<dimension>: ...}}`"
        )
    rows = []
    for article_id, cells in sorted(articles.items()):
        for dim_name, cell in sorted((cells or {}).items()):
            if dim_name not in codebook.names:
                raise InputError(
                    path,
                    f"articles.{article_id}.{dim_name} is not a codebook dimension",
                    f"use one of {', '.join(codebook.names)} or add it to the codebook",
                )
            score = (cell or {}).get("score")
            lo, hi = codebook.dimension(dim_name).scale
            if score is not None and (not isinstance(score, (int, float)) or not lo <= score <= hi):
                raise InputError(
                    path,
                    f"articles.{article_id}.{dim_name}.score is {score!r}",
                    f"give a number within [{lo}, {hi}] or null when not addressed",
                )
            rows.append(
                {
                    "article_id": article_id,
                    "dimension": dim_name,
                    "score": None if score is None else float(score),
                    "evidence": cell.get("evidence"),
                    "rationale": cell.get("rationale"),
                }
            )
    return pd.DataFrame(rows, columns=["article_id", "dimension", "score", "evidence", "rationale"])
