"""Out-of-distribution score: is this a frontal chest X-ray like the ones the model learned from?

Two parts, each scaled so that 1.0 is its own threshold, combined by the maximum:

1. Mahalanobis distance of the pooled features to the nearest class mean, with one covariance
   shared by the classes (Lee et al., NeurIPS 2018), fitted on validation films. Its threshold is a
   percentile of *cross-fitted* validation distances (each half scored by statistics of the other
   half), so it reflects films the statistics have not seen.
2. An optional frontal-CXR gate: logistic regression on the pooled features, fitted on training
   films against pictures that are not frontal films (rotated, inverted, synthetic, real lateral films
   and CT slices; trainer.not_cxr). Distance alone does not see that an upside-down film is wrong; the
   gate does. A gate refitted with ``gate_features="mean+std"`` also reads each channel's standard
   deviation over the feature map (``feature_spread``): how a feature varies across the picture, which
   the mean alone loses. It separates real lateral films and CT slices from frontal films better (the
   cross-validated figures that ``cxr-train calibrate --refit-gate`` prints; the model card).

``ood_score`` > 1.0 means: reject. It is plain tensor ops, so the export puts this very code in the
ONNX graph, and the metadata's ``ood_threshold`` is 1.0.
"""

import numpy as np
import torch

from trainer.recipe import GATE_FEATURES

THRESHOLD = 1.0


def feature_spread(fmap: torch.Tensor) -> torch.Tensor:
    """[N, K, h, w] -> [N, K]: each channel's standard deviation over the map (population, plain ops so
    the export carries it)."""
    centred = fmap - fmap.mean(dim=(2, 3), keepdim=True)
    return torch.sqrt((centred * centred).mean(dim=(2, 3)))


def gate_input(pooled: torch.Tensor, spread: torch.Tensor | None, gate_features: str = "mean") -> torch.Tensor:
    """What the gate reads: ``pooled`` [N, K], or [pooled, spread] [N, 2K] for ``"mean+std"``."""
    if gate_features == "mean":
        return pooled
    if gate_features != "mean+std":
        raise ValueError(f"unknown gate features {gate_features!r}; expected one of {GATE_FEATURES}")
    if spread is None:
        raise ValueError("this frontal gate reads the feature map's standard deviations: pass spread")
    return torch.cat([pooled, spread.to(pooled.dtype)], dim=1)


def fit_mahalanobis(pooled: torch.Tensor, labels: torch.Tensor, num_classes: int,
                    shrinkage: float = 0.05) -> dict:
    """Class means and shared precision (inverse covariance shrunk towards its mean diagonal)."""
    pooled = pooled.double()
    means = torch.stack([pooled[labels == c].mean(dim=0) if (labels == c).any() else pooled.mean(dim=0)
                         for c in range(num_classes)])
    centred = pooled - means[labels]
    cov = centred.T @ centred / max(len(pooled) - 1, 1)
    target = cov.diagonal().mean() * torch.eye(cov.shape[0], dtype=cov.dtype)
    precision = torch.linalg.inv((1 - shrinkage) * cov + shrinkage * target)
    return {"means": means.float(), "precision": precision.float()}


def mahalanobis_score(pooled: torch.Tensor, means: torch.Tensor, precision: torch.Tensor) -> torch.Tensor:
    """[N, K] features -> [N] distance to the nearest class mean."""
    diff = pooled[:, None, :] - means[None, :, :]                  # [N, C, K]
    sq = ((diff @ precision) * diff).sum(dim=2)                     # [N, C]
    return torch.sqrt(torch.clamp(sq.min(dim=1).values, min=0.0))


def fit_ood(pooled: torch.Tensor, labels: torch.Tensor, num_classes: int, percentile: float = 99.5,
            shrinkage: float = 0.05, seed: int = 0) -> dict:
    """Mahalanobis statistics on all given films; distance scale from 2-fold cross-fitted distances."""
    stats = fit_mahalanobis(pooled, labels, num_classes, shrinkage)
    fold = torch.from_numpy(np.random.default_rng(seed).permutation(len(pooled)) % 2 == 0)
    held_out = []
    for part in (fold, ~fold):
        half = fit_mahalanobis(pooled[~part], labels[~part], num_classes, shrinkage)
        held_out.append(mahalanobis_score(pooled[part], half["means"], half["precision"]))
    distance_threshold = float(np.percentile(torch.cat(held_out).numpy(), percentile))
    return {**stats, "distance_scale": distance_threshold, "percentile": float(percentile), "threshold": THRESHOLD}


def logistic_regression(negatives: torch.Tensor, positives: torch.Tensor, weight_decay: float = 1e-2,
                        max_iter: int = 1000) -> tuple[torch.Tensor, float]:
    """L2-regularised logistic regression, positives = 1 (scikit-learn's, LBFGS) on standardised features;
    returns (weight [K], bias) on the original features (the standardisation folded back), so the score
    stays plain tensor ops for the export. ``weight_decay`` is the penalty on the mean log-loss:
    mean BCE + weight_decay * |w|^2, which is scikit-learn's C = 1 / (2 N weight_decay)."""
    from sklearn.linear_model import LogisticRegression

    x = torch.cat([negatives, positives]).double().numpy()
    y = np.concatenate([np.zeros(len(negatives)), np.ones(len(positives))])
    mu, sd = x.mean(0), x.std(0, ddof=1) + 1e-6
    fit = LogisticRegression(C=1.0 / (2 * len(x) * weight_decay), max_iter=max_iter).fit((x - mu) / sd, y)
    w, b = fit.coef_[0], float(fit.intercept_[0])
    return torch.from_numpy(w / sd), b - float((mu / sd * w).sum())


def fit_frontal_gate(positives: torch.Tensor, negatives: torch.Tensor, weight_decay: float = 1e-2,
                     gate_features: str = "mean") -> dict:
    """Logistic regression, not-a-frontal-CXR = 1 (``positives`` are the frontal films, label 0), on
    features already made by ``gate_input``; ``gate_features`` records which."""
    weight, bias = logistic_regression(positives, negatives, weight_decay)
    return {"gate_weight": weight.float(), "gate_bias": bias, "gate_features": gate_features}


def gate_probability(features: torch.Tensor, gate_weight: torch.Tensor, gate_bias) -> torch.Tensor:
    """[N] probability that the picture is not a frontal chest X-ray (``features``: ``gate_input``)."""
    return torch.sigmoid(features @ gate_weight + gate_bias)


def ood_score(pooled: torch.Tensor, ood: dict, spread: torch.Tensor | None = None) -> torch.Tensor:
    """[N] combined score; > 1.0 = reject. ``ood`` is the checkpoint's ``ood`` dict; ``spread``
    (``feature_spread``) is needed by a gate that reads ``"mean+std"``."""
    score = mahalanobis_score(pooled, ood["means"], ood["precision"]) / ood["distance_scale"]
    if "gate_weight" in ood:
        features = gate_input(pooled, spread, ood.get("gate_features", "mean"))
        gate = gate_probability(features, ood["gate_weight"], ood["gate_bias"]) / ood["gate_scale"]
        score = torch.maximum(score, gate)
    return score


def calibrate_gate_scale(val_features: torch.Tensor, gate: dict, percentile: float = 99.5) -> float:
    """The gate's probability at ``percentile`` of validation films (``val_features``: ``gate_input``),
    never below 0.5: the gate alone rejects only what it thinks is more likely not a film, and at most
    (100 - percentile) % of films."""
    p = gate_probability(val_features, gate["gate_weight"], gate["gate_bias"]).numpy()
    return max(float(np.percentile(p, percentile)), 0.5)
