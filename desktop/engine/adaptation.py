"""``cxr-triage adapt``: refit the class head on a clinic's own labelled films, anchored to the model's head,
and measure by cross-validation whether it pays. NumPy only (the app bundle has no SciPy).

The model's features (the contract's ``embedding`` output) stay as they are; only the linear class head
``softmax((embedding @ W.T + b) / T)`` moves. The fit minimises, over the site's films,

    cross-entropy among the adapted classes
    + GAUGE * (logsumexp of the adapted classes' logits - the same under the model's head)^2
    + strength * (r * |W - W0|^2 + |b - b0|^2),        r = mean |embedding|^2 / D

- Only the classes the site labelled with enough films (``MIN_PER_CLASS``) are *adapted*: their rows of W
  and b move. The other classes' rows stay the model's, and the cross-entropy is taken among the adapted
  classes only, so films of an adapted class never teach the head to push an unlabelled class down.
- The gauge term keeps the adapted classes' joint share where the model had it on the site's films. A
  class the site did not label keeps its probability there exactly when the term is zero; that is what
  keeps, e.g., a site without COVID-19 films from changing the model's COVID-19 calls
  (tests/test_adaptation.py shows it on real films).
- The anchor (the third line) pulls the head back to the model's; ``r`` puts W's change in the units of
  a logit change, so one strength weighs both. The strength is chosen by cross-validated log-loss on the
  site's films, among ``STRENGTHS`` and "no change"; when no strength beats the model's own head,
  adaptation does not pay and the result says so.
- Reported figures are **cross-validated**: nested k-fold, each film scored by a head fitted (and its
  strength chosen) without it; "before" is the model's own head on the same films. Never the in-sample fit.

The optimiser is L-BFGS with a backtracking line search on the flattened (W, b) change: the problem is
smooth and convex (cross-entropy of a linear map plus a convex gauge term plus a ridge), at most a few
thousand parameters, so a few dozen iterations converge.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

from desktop.engine.contract import DISPLAY_NAMES, decide
from desktop.engine.site_profile import SiteProfile, film_id
from desktop.engine.validation import validation_figures

# Why these numbers: the cross-validation scores each film with a head fitted without it, in FOLDS folds;
# with 10 films of a class each fold holds 2 of them to score and 8 to fit, the least with which a
# sensitivity moves by more than one film's worth. 40 films in all is the fewest with which the issue's
# simulation on unseen hospitals showed adaptation paying (normal films called normal 67 % -> ~94 %).
MIN_FILMS = 40
MIN_PER_CLASS = 10
FOLDS = 5
STRENGTHS = (10.0, 1.0, 0.1, 0.01, 0.001)     # strongest anchor first: each fit starts from the previous one
GAUGE = 1.0
DISEASE_CLASSES = ("pneumonia", "covid19")


class AdaptationError(ValueError):
    """Adaptation cannot be done; the message is the sentence for the user."""


class AdaptationCancelled(AdaptationError):
    pass


@dataclass
class Adaptation:
    classes: list
    films: dict                      # class -> films fitted on (scored, labelled)
    adapted_classes: list
    strength: float | None           # None: no strength beat the model's own head
    folds: int
    head: dict                       # {"weight": [[...]], "bias": [...]}
    temperature: float
    before: dict                     # validation_figures of the model's own head on the site's films
    after: dict                      # the same, cross-validated, of the adapted head
    sensitivity_drops: list = field(default_factory=list)
    left_out: list = field(default_factory=list)        # sentences: films not used
    refused_films: int = 0           # refused as not frontal chest X-rays: not used
    unreadable_films: int = 0
    fitted_films: list = field(default_factory=list)    # site_profile.film_id of each film fitted on

    @property
    def pays(self) -> bool:
        """Cross-validation found a head better than the model's own (in log-loss) on the site's films."""
        return self.strength is not None

    def summary_lines(self) -> list[str]:
        """Plain sentences: what was adapted, what changed (cross-validated), what to watch."""
        total = sum(self.films.values())
        names = ", ".join(DISPLAY_NAMES.get(c, c) for c in self.adapted_classes)
        lines = [f"Adapted on {total} films ({names}); figures below are {self.folds}-fold cross-validated: "
                 "each film was scored by a head fitted without it."]
        if not self.pays:
            lines.append("No adapted head did better than the model's own on your films, so adapting does not pay: "
                         "keep the model as it is.")
        for name in self.classes:
            before = self.before["per_class"][name]["sensitivity"]
            after = self.after["per_class"][name]["sensitivity"]
            if before["n"]:
                lines.append(f"{_called(name)}: {_pct(before['value'])} before, {_pct(after['value'])} after "
                             f"({after['k']} of {after['n']} films).")
        for name in self.sensitivity_drops:
            lines.append(f"Warning: fewer {DISPLAY_NAMES.get(name, name)} films are found after adapting. "
                         "Use this profile only if you accept that.")
        unadapted = [c for c in self.classes if c not in self.adapted_classes]
        if unadapted:
            lines.append("Kept as the model has them (too few of your films to adapt): "
                         + ", ".join(DISPLAY_NAMES.get(c, c) for c in unadapted) + ".")
        return lines + list(self.left_out)

    def to_profile(self, name: str, model_sha256: str, model_version: str, created: str | None = None) -> SiteProfile:
        return SiteProfile(
            name=name.strip(), created=created or datetime.now(timezone.utc).isoformat(timespec="seconds"),
            model_sha256=model_sha256, model_version=model_version, classes=list(self.classes),
            films=dict(self.films), adapted_classes=list(self.adapted_classes), head=self.head,
            temperature=self.temperature, strength=self.strength,
            cross_validation={"folds": self.folds, "before": _compact(self.before), "after": _compact(self.after),
                              "sensitivity_drops": list(self.sensitivity_drops)},
            fitted_films=list(self.fitted_films))


def _called(name: str) -> str:
    return {"normal": "Normal films called normal", "pneumonia": "Pneumonia films found",
            "covid19": "COVID-19 films found"}.get(name, f"{name} films found")


def _pct(value) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def _compact(figures: dict) -> dict:
    """The figures a profile keeps: per class sensitivity/specificity/PPV/NPV, accuracy, confusion matrix."""
    keys = ("sensitivity", "specificity", "ppv", "npv")
    return {"per_class": {c: {k: v[k] for k in keys} for c, v in figures["per_class"].items()},
            "accuracy": figures["accuracy"], "confusion_matrix": figures["confusion_matrix"]}


# --- from films to an adaptation ---------------------------------------------------------------------

def too_few_films(labels, classes) -> str | None:
    """The refusal sentence when the labelled films cannot support an adaptation, else None."""
    counts = {c: sum(1 for label in labels if label == c) for c in classes}
    enough = [c for c in classes if counts[c] >= MIN_PER_CLASS]
    given = ", ".join(f"{counts[c]} {DISPLAY_NAMES.get(c, c)}" for c in classes)
    why = (f"Adapting needs at least {MIN_FILMS} usable labelled films, with at least {MIN_PER_CLASS} of each of two "
           f"classes or more: the figures are {FOLDS}-fold cross-validated, and with fewer films each fold holds too "
           f"few of a class to tell a better head from chance. You gave {given}.")
    if sum(counts.values()) < MIN_FILMS or len(enough) < 2:
        return why
    return None


def adapt_films(predictor, films, results, *, cancel: threading.Event | None = None, progress=None,
                folds: int = FOLDS, seed: int = 0) -> Adaptation:
    """Labelled films and their results (``predictor.keep_embeddings`` was set) -> Adaptation.
    Refused and unreadable films are not used. AdaptationError with the sentence when it cannot be done."""
    if not predictor.adaptable:
        raise AdaptationError(f"The model {predictor.model_version} has no embedding output, so it cannot be adapted "
                              "to your films. Export it again with this version of cxr-export.")
    classes = list(predictor.classes)
    used = [(f, r) for f, r in zip(films, results) if r.ok and r.embedding is not None]
    left_out = []
    refused = sum(1 for r in results if r.rejected)
    unreadable = sum(1 for r in results if r.error is not None)
    if refused:
        left_out.append(f"Films refused as not frontal chest X-rays, not used: {refused}.")
    if unreadable:
        left_out.append(f"Films that could not be read, not used: {unreadable}.")
    refusal = too_few_films([f.label for f, _ in used], classes)
    if refusal:
        raise AdaptationError(refusal)
    embeddings = np.stack([r.embedding for _, r in used]).astype(np.float64)
    truth = np.array([classes.index(f.label) for f, _ in used])
    adaptation = adapt_head(embeddings, truth, classes, predictor.class_head, predictor.temperature,
                            predictor.metadata.get("decision_thresholds"), cancel=cancel, progress=progress,
                            folds=folds, seed=seed)
    adaptation.left_out = left_out + adaptation.left_out
    adaptation.refused_films, adaptation.unreadable_films = refused, unreadable
    # the films fitted on, by their file's hash, so a later check on the same films can say it flatters
    adaptation.fitted_films = sorted({film_id(r.image_record.sha256) for _, r in used
                                      if r.image_record is not None and r.image_record.sha256})
    return adaptation


def adapt_head(embeddings, truth, classes, base_head: dict, temperature: float, thresholds=None, *,
               cancel=None, progress=None, folds: int = FOLDS, seed: int = 0) -> Adaptation:
    """The NumPy core: embeddings [N, D], truth [N] class indices -> Adaptation (see the module docstring)."""
    classes = list(classes)
    E, y = np.asarray(embeddings, np.float64), np.asarray(truth, int)
    W0, b0 = np.asarray(base_head["weight"], np.float64), np.asarray(base_head["bias"], np.float64)
    counts = np.bincount(y, minlength=len(classes))
    adapted = [c for c in range(len(classes)) if counts[c] >= MIN_PER_CLASS]
    refusal = too_few_films([classes[i] for i in y], classes)
    if refusal:
        raise AdaptationError(refusal)
    fitter = _Fitter(E, y, W0, b0, float(temperature), adapted)
    outer = _stratified_folds(y, folds, seed)
    # One tick a fit: each outer fold chooses its strength on folds - 1 inner folds, the final head on folds.
    fits = (len(outer) * (folds - 1) + folds) * len(STRENGTHS) + len(outer) + 1
    ticks = _Ticks(progress, fits, cancel)

    # Nested cross-validation: every film scored by a head whose strength was chosen and fitted without it.
    oof = np.empty((len(y), len(classes)))
    for test in outer:
        train = np.setdiff1d(np.arange(len(y)), test)
        strength = _choose_strength(fitter, train, folds - 1, seed, ticks)
        oof[test] = fitter.probabilities(fitter.fit(train, strength), test) if strength else fitter.base(test)
        ticks.tick()
    strength = _choose_strength(fitter, np.arange(len(y)), folds, seed, ticks)
    delta = fitter.fit(np.arange(len(y)), strength) if strength else None
    ticks.tick()
    W, b = fitter.head(delta)

    before = _figures(classes, y, fitter.base(np.arange(len(y))), thresholds)
    after = _figures(classes, y, oof, thresholds)
    drops = [classes[c] for c in adapted if classes[c] in DISEASE_CLASSES
             and after["per_class"][classes[c]]["sensitivity"]["value"]
             < before["per_class"][classes[c]]["sensitivity"]["value"]]
    return Adaptation(classes=classes, films={c: int(counts[i]) for i, c in enumerate(classes)},
                      adapted_classes=[classes[c] for c in adapted], strength=strength, folds=len(outer),
                      head={"weight": W.tolist(), "bias": b.tolist()}, temperature=float(temperature),
                      before=before, after=after, sensitivity_drops=drops)


def _figures(classes, truth, probabilities, thresholds) -> dict:
    called = decide(probabilities, thresholds, classes)
    n = len(truth)
    return validation_figures(classes, truth, ["scored"] * n, probabilities, called, [math.nan] * n, math.inf)


def _choose_strength(fitter: "_Fitter", films, folds: int, seed: int, ticks: "_Ticks") -> float | None:
    """The strength with the lowest cross-validated log-loss on ``films``; None when the model's own head
    (no change) is at least as good."""
    y = fitter.y[films]
    losses = {None: 0.0, **{s: 0.0 for s in STRENGTHS}}
    for inner in _stratified_folds(y, folds, seed + 1):
        test = films[inner]
        train = np.setdiff1d(films, test)
        losses[None] += fitter.log_loss(fitter.base(test), test)
        start = None
        for strength in STRENGTHS:
            start = fitter.fit(train, strength, start)
            losses[strength] += fitter.log_loss(fitter.probabilities(start, test), test)
            ticks.tick()
    best = min(losses, key=lambda s: (losses[s], s is not None))     # a tie keeps the model's head
    return best


def _stratified_folds(y, folds: int, seed: int) -> list[np.ndarray]:
    """``folds`` index arrays, each class dealt round-robin after a seeded shuffle."""
    rng = np.random.default_rng(seed)
    buckets = [[] for _ in range(folds)]
    turn = 0
    for c in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == c))
        for i in members:
            buckets[turn % folds].append(i)
            turn += 1
    return [np.sort(np.array(b, int)) for b in buckets if b]


class _Ticks:
    def __init__(self, progress, total: int, cancel):
        self.progress, self.total, self.cancel, self.done = progress, total, cancel, 0

    def tick(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise AdaptationCancelled("Adapting was cancelled; nothing was changed.")
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


class _Fitter:
    """The objective of the module docstring on a fixed set of films, and its L-BFGS minimiser."""

    def __init__(self, E, y, W0, b0, temperature: float, adapted: list):
        self.y, self.W0, self.b0, self.T = y, W0, b0, temperature
        self.adapted = np.array(adapted)
        self.z0 = (E @ W0.T + b0) / temperature               # the model's own logits
        self.r = float((E ** 2).sum(1).mean() / E.shape[1])
        # The fitted change of W lies in the span of the films' embeddings (a ridge solution always does), so
        # the fit runs in coordinates of that span: N numbers a film instead of D (N <= a few hundred, D = 1024),
        # the same optimum, several times fewer operations per step. ``basis`` rows are orthonormal, so
        # |dW|^2 is the same in both coordinates.
        _, singular, vt = np.linalg.svd(E, full_matrices=False)
        self.basis = vt[singular > singular[0] * 1e-10]
        self.E = E @ self.basis.T
        # Position of each film's label among the adapted classes (-1: not adapted, not fitted on).
        self.target = np.array([int(np.flatnonzero(self.adapted == c)[0]) if c in adapted else -1 for c in y])
        self.shape = (len(adapted), self.E.shape[1] + 1)       # [dW | db] per adapted class, in span coordinates

    def head(self, delta):
        W, b = self.W0.copy(), self.b0.copy()
        if delta is not None:
            W[self.adapted] += delta[:, :-1] @ self.basis
            b[self.adapted] += delta[:, -1]
        return W, b

    def logits(self, delta, films):
        z = self.z0[films].copy()
        z[:, self.adapted] += (self.E[films] @ delta[:, :-1].T + delta[:, -1]) / self.T
        return z

    def probabilities(self, delta, films):
        return _softmax(self.logits(delta, films))

    def base(self, films):
        return _softmax(self.z0[films])

    def log_loss(self, probabilities, films) -> float:
        return float(-np.log(np.clip(probabilities[np.arange(len(films)), self.y[films]], 1e-12, None)).sum())

    def objective(self, theta, films, strength):
        delta = theta.reshape(self.shape)
        films = films[self.target[films] >= 0]
        n = len(films)
        zl = self.logits(delta, films)[:, self.adapted]
        lse = _logsumexp(zl)
        p = np.exp(zl - lse[:, None])
        t = self.target[films]
        gap = lse - _logsumexp(self.z0[films][:, self.adapted])
        loss = (lse - zl[np.arange(n), t]).sum() / n + GAUGE * (gap ** 2).sum() / n
        loss += strength * (self.r * (delta[:, :-1] ** 2).sum() + (delta[:, -1] ** 2).sum())
        dz = p.copy()
        dz[np.arange(n), t] -= 1.0
        dz = (dz + 2 * GAUGE * gap[:, None] * p) / n / self.T          # d loss / d (E dW^T + db)
        grad = np.empty(self.shape)
        grad[:, :-1] = dz.T @ self.E[films] + 2 * strength * self.r * delta[:, :-1]
        grad[:, -1] = dz.sum(0) + 2 * strength * delta[:, -1]
        return loss, grad.ravel()

    def fit(self, films, strength: float, start=None, iterations: int = 200, tolerance: float = 1e-6):
        theta = np.zeros(int(np.prod(self.shape))) if start is None else start.ravel().copy()
        theta = _lbfgs(lambda t: self.objective(t, films, strength), theta, iterations, tolerance)
        return theta.reshape(self.shape)


def _lbfgs(f, x, iterations: int, tolerance: float, memory: int = 10):
    """Minimise a smooth function ``f(x) -> (value, gradient)``: L-BFGS two-loop recursion, Armijo
    backtracking; stops when the gradient's largest entry is below ``tolerance``."""
    value, grad = f(x)
    steps, changes = [], []
    for _ in range(iterations):
        if np.abs(grad).max() < tolerance:
            break
        q = grad.copy()
        alphas = []
        for s, y in reversed(list(zip(steps, changes))):
            a = s @ q / (y @ s)
            alphas.append(a)
            q -= a * y
        if steps:
            q *= (steps[-1] @ changes[-1]) / (changes[-1] @ changes[-1])
        for (s, y), a in zip(zip(steps, changes), reversed(alphas)):
            q += (a - y @ q / (y @ s)) * s
        direction = -q
        slope = grad @ direction
        if slope >= 0:                       # not a descent direction: restart from the gradient
            steps, changes, direction, slope = [], [], -grad, -(grad @ grad)
        step = 1.0
        while True:
            x_new = x + step * direction
            new_value, new_grad = f(x_new)
            if new_value <= value + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, y = x_new - x, new_grad - grad
        if s @ y > 1e-12:
            steps.append(s)
            changes.append(y)
            if len(steps) > memory:
                steps.pop(0)
                changes.pop(0)
        if value - new_value < 1e-12 * max(1.0, abs(value)):
            x, value, grad = x_new, new_value, new_grad
            break
        x, value, grad = x_new, new_value, new_grad
    return x


def _logsumexp(z):
    top = z.max(1)
    return top + np.log(np.exp(z - top[:, None]).sum(1))


def _softmax(z):
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)
