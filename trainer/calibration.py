"""Everything fitted on the validation split after training (never the test split): the temperature
(Guo et al., ICML 2017: one scalar T, fitted by NLL on validation logits), operating points (a class
called from a probability threshold chosen on validation films) and the OOD statistics (``trainer.ood``)."""

import numpy as np
import torch
import torch.nn.functional as F

from desktop.engine.contract import decide
from trainer import CLASSES, not_cxr
from trainer.inference import run_model
from trainer.ood import calibrate_gate_scale, fit_frontal_gate, fit_ood, gate_input, gate_probability, ood_score


def calibrate(model, data, ood_percentile: float, seed: int = 0, sensitivity_targets: dict | None = None,
              refit_gate: dict | None = None) -> dict:
    """Temperature, operating points and OOD statistics of ``model`` on ``data``'s validation films; the
    frontal-CXR gate is the model's own head where it was trained with outlier exposure, else (or with
    ``refit_gate``) fitted here on frozen features: training films against generated non-films and the
    training part of the real ones; its scale is set on validation films.
    ``sensitivity_targets`` {class: S}: that class is called from the highest threshold on its calibrated
    probability at which S of its validation films are called.
    ``refit_gate`` {"real_weight": K, "weight_decay": L, "gate_features": F}: refit the gate even for a
    model with its own, each real non-frontal picture counted K times (a few dozen among thousands of
    generated ones), an L2 penalty L, on the features F (``trainer.ood.GATE_FEATURES``). The class head,
    temperature and thresholds do not depend on it. With ``refit_gate`` the result also holds
    ``gate_cross_validation`` (``GateFit.cross_validate``)."""
    out = run_model(model, data.pixels, data.split["val"])
    labels = torch.from_numpy(data.labels[data.split["val"]])
    temperature = fit_temperature(out["logits"], labels)
    val_probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    thresholds = {name: fit_sensitivity_threshold(val_probs, labels.numpy(), CLASSES.index(name), target)
                  for name, target in (sensitivity_targets or {}).items()}
    ood = fit_ood(out["pooled"], labels, len(CLASSES), percentile=ood_percentile)
    result = {"temperature": temperature, "decision_thresholds": thresholds}

    if model.frontal_gate is not None and refit_gate is None:  # outlier exposure: the model's own gate head
        gate = {"gate_weight": model.frontal_gate.weight[0].detach().clone(),
                "gate_bias": float(model.frontal_gate.bias[0].detach())}
        gate["gate_scale"] = calibrate_gate_scale(out["pooled"], gate, ood_percentile)
    else:  # a gate fitted afterwards on the frozen features
        fit = GateFit(model, data, out, ood, ood_percentile, seed, **(refit_gate or {}))
        gate = fit.fit(fit.real_split == "train")
        if refit_gate is not None:   # cxr-train calibrate --refit-gate: how it does on pictures it did not see
            result["gate_cross_validation"] = fit.cross_validate()
    return {**result, "ood": {**ood, **gate}}


class GateFit:
    """A logistic not-a-frontal-film gate on the frozen features (``trainer.ood.gate_input``): up to 3,000
    training films against as many generated non-films (half transformed films, half synthetic pictures)
    and real non-frontal pictures, each of those ``real_weight`` times; scaled on the validation films
    (``val_out``: ``run_model`` of them) and combined with the Mahalanobis part ``ood`` as the export does.
    The features are computed once, so the fit can be repeated on parts of the real pictures."""

    def __init__(self, model, data, val_out: dict, ood: dict, percentile: float, seed: int = 0,
                 real_weight: int = 1, weight_decay: float = 1e-2, gate_features: str = "mean"):
        self.real_weight, self.weight_decay, self.gate_features = int(real_weight), weight_decay, gate_features
        self.ood, self.percentile = ood, percentile
        rng = np.random.default_rng(seed)
        train_idx = rng.choice(data.split["train"], size=min(3000, len(data.split["train"])), replace=False)
        self.positives = self._features(model, data.pixels, np.sort(train_idx))
        films = np.asarray(data.pixels[np.sort(train_idx[: len(train_idx) // 2])])
        generated = np.concatenate([not_cxr.transformed_films(films, rng),
                                    not_cxr.synthetic_pictures(len(films), data.pixels.shape[1], rng)])
        self.generated = self._features(model, generated, np.arange(len(generated)))
        real = data.negatives if data.negatives is not None and len(data.negatives.pixels) else None
        none = np.zeros(0, dtype=str)
        self.real_split, self.real_kinds, self.real_patients = \
            (real.splits, real.kinds, real.patients) if real is not None else (none, none, none)
        self.real, self.real_distance = self.positives[:0], None
        if real is not None:
            real_out = run_model(model, real.pixels, np.arange(len(real.pixels)))
            self.real = gate_input(real_out["pooled"], real_out["spread"], gate_features)
            # the Mahalanobis part of their OOD score (the gate's part is what the fits change)
            self.real_distance = ood_score(real_out["pooled"], ood)
        self.val = gate_input(val_out["pooled"], val_out["spread"], gate_features)

    def _features(self, model, pixels, indices) -> torch.Tensor:
        out = run_model(model, pixels, indices)
        return gate_input(out["pooled"], out["spread"], self.gate_features)

    def fit(self, real_mask: np.ndarray) -> dict:
        """The gate fitted on the real pictures where ``real_mask``, with its ``gate_scale``."""
        negatives = torch.cat([self.generated, *[self.real[real_mask]] * self.real_weight])
        gate = fit_frontal_gate(self.positives, negatives, self.weight_decay, self.gate_features)
        gate["gate_scale"] = calibrate_gate_scale(self.val, gate, self.percentile)
        return gate

    def refused(self, gate: dict) -> np.ndarray:
        """[n real pictures] bool: refused by the Mahalanobis part or by ``gate``."""
        score = gate_probability(self.real, gate["gate_weight"], gate["gate_bias"]) / gate["gate_scale"]
        return (torch.maximum(self.real_distance, score) > self.ood["threshold"]).numpy()

    def cross_validate(self, folds: int = 5) -> dict | None:
        """How the gate refuses real pictures it was not fitted on: cross-validation over the training and
        validation parts, grouped by patient (the test part never enters), in ``folds`` folds or one per
        patient where there are fewer: {"folds": k, "refused": {kind: [refused, of]}}; None where fewer
        than 2 patients leave nothing to cross-validate."""
        from sklearn.model_selection import GroupKFold

        pool = np.nonzero(self.real_split != "test")[0]
        folds = min(folds, len(set(self.real_patients[pool])))
        if folds < 2:
            return None
        refused = np.zeros(len(pool), dtype=bool)
        for train, held in GroupKFold(folds).split(pool, groups=self.real_patients[pool]):
            mask = np.zeros(len(self.real_split), dtype=bool)
            mask[pool[train]] = True
            refused[held] = self.refused(self.fit(mask))[pool[held]]
        kinds = self.real_kinds[pool]
        return {"folds": folds, "refused": {str(kind): [int(refused[kinds == kind].sum()), int((kinds == kind).sum())]
                                            for kind in sorted(set(kinds))}}


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor, max_iter: int = 200) -> float:
    """The T > 0 that minimises NLL of softmax(logits / T); fitted in log-space to keep T positive."""
    logits, labels = logits.detach().double(), labels.detach().long()
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([log_t], lr=0.1, max_iter=max_iter, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    optimizer.step(closure)
    return float(log_t.exp().item())


# --- operating points --------------------------------------------------------------------------------
# The decision rule itself is the contract's (``desktop.engine.contract.decide``), shared with the app.


def fit_sensitivity_threshold(probs: np.ndarray, labels: np.ndarray, cls: int, sensitivity: float) -> dict:
    """The highest threshold on p(cls) at which at least ``sensitivity`` of the films of ``cls`` reach
    it (validation films only), and what it costs there: {"threshold", "target_sensitivity",
    "validation_sensitivity", "validation_ppv", "validation_films", "fitted_on"}."""
    if not 0 < sensitivity <= 1:
        raise ValueError(f"target sensitivity must be in (0, 1], got {sensitivity}")
    scores = np.sort(probs[labels == cls, cls])
    if not len(scores):
        raise ValueError(f"no validation films of class {CLASSES[cls]!r} to fit its operating point on")
    # Keep ceil(sensitivity * n) films at or above the threshold: the threshold is the score of the
    # lowest of them.
    keep = int(np.ceil(sensitivity * len(scores) - 1e-9))
    threshold = float(scores[len(scores) - keep])
    pred = decide(probs, {CLASSES[cls]: threshold})
    called = pred == cls
    return {"threshold": threshold, "target_sensitivity": float(sensitivity),
            "validation_sensitivity": float(called[labels == cls].mean()),
            "validation_ppv": float((labels[called] == cls).mean()) if called.any() else None,
            "validation_films": int(len(labels)), "fitted_on": "validation split"}


def parse_sensitivity_targets(specs: list[str] | None) -> dict:
    """["covid19=0.9"] -> {"covid19": 0.9}; a clear error for anything else."""
    out = {}
    for spec in specs or []:
        name, sep, value = spec.partition("=")
        try:
            target = float(value)
        except ValueError:
            target = -1.0
        if not sep or name not in CLASSES or not 0 < target <= 1:
            raise ValueError(f"--target-sensitivity {spec!r}: expected CLASS=S with CLASS one of "
                             f"{list(CLASSES)} and 0 < S <= 1")
        out[name] = target
    return out
