"""Everything fitted on the validation split after training (never the test split): the temperature
(Guo et al., ICML 2017: one scalar T, fitted by NLL on validation logits), operating points (a class
called from a probability threshold chosen on validation films) and the OOD statistics (``trainer.ood``)."""

import numpy as np
import torch
import torch.nn.functional as F

from desktop.engine.contract import decide
from trainer import CLASSES, not_cxr
from trainer.inference import run_model
from trainer.ood import calibrate_gate_scale, fit_frontal_gate, fit_ood


def calibrate(model, data, ood_percentile: float, seed: int = 0, sensitivity_targets: dict | None = None,
              refit_gate: dict | None = None) -> dict:
    """Temperature, operating points and OOD statistics of ``model`` on ``data``'s validation films; the
    frontal-CXR gate is the model's own head where it was trained with outlier exposure, else (or with
    ``refit_gate``) fitted here on frozen features: training films against generated non-films and the
    training part of the real ones; its scale is set on validation films.
    ``sensitivity_targets`` {class: S}: that class is called from the highest threshold on its calibrated
    probability at which S of its validation films are called.
    ``refit_gate`` {"real_weight": K, "weight_decay": L}: refit the gate even for a model with its own, each
    real non-frontal picture counted K times (a few dozen among thousands of generated ones) and an L2
    penalty L. The class head, temperature and thresholds do not depend on it."""
    out = run_model(model, data.pixels, data.split["val"])
    labels = torch.from_numpy(data.labels[data.split["val"]])
    temperature = fit_temperature(out["logits"], labels)
    val_probs = torch.softmax(out["logits"] / temperature, 1).numpy()
    thresholds = {name: fit_sensitivity_threshold(val_probs, labels.numpy(), CLASSES.index(name), target)
                  for name, target in (sensitivity_targets or {}).items()}
    ood = fit_ood(out["pooled"], labels, len(CLASSES), percentile=ood_percentile)

    if model.frontal_gate is not None and refit_gate is None:  # outlier exposure: the model's own gate head
        gate = {"gate_weight": model.frontal_gate.weight[0].detach().clone(),
                "gate_bias": float(model.frontal_gate.bias[0].detach())}
    else:  # a gate fitted afterwards on the frozen features
        gate = posthoc_gate(model, data, seed, **(refit_gate or {}))
    gate["gate_scale"] = calibrate_gate_scale(out["pooled"], gate, ood_percentile)
    return {"temperature": temperature, "decision_thresholds": thresholds, "ood": {**ood, **gate}}


def posthoc_gate(model, data, seed: int = 0, real_weight: int = 1, weight_decay: float = 1e-2) -> dict:
    """A logistic not-a-frontal-film gate on the frozen pooled features: up to 3,000 training films against
    as many generated non-films (half transformed films, half synthetic pictures) and the training part of
    the real non-frontal pictures, each of those ``real_weight`` times."""
    rng = np.random.default_rng(seed)
    train_idx = rng.choice(data.split["train"], size=min(3000, len(data.split["train"])), replace=False)
    positives = run_model(model, data.pixels, np.sort(train_idx))["pooled"]
    films = np.asarray(data.pixels[np.sort(train_idx[: len(train_idx) // 2])])
    size = data.pixels.shape[1]
    real = data.negatives.part("train") if data.negatives else np.zeros((0, size, size), np.uint8)
    negatives = np.concatenate([not_cxr.transformed_films(films, rng),
                                not_cxr.synthetic_pictures(len(films), size, rng), *[real] * int(real_weight)])
    negatives = run_model(model, negatives, np.arange(len(negatives)))["pooled"]
    return fit_frontal_gate(positives, negatives, weight_decay)


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
