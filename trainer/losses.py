"""Multi-task loss: cross-entropy (label smoothing option) + severity loss on scored films only.

With mixup (``mix``), each film of the batch was blended with another: both the class and the
severity targets are blended the same way, and the severity is learned only where both films have one.
"""

import torch
import torch.nn.functional as F

NORMAL = 0  # index of "normal" in CLASSES


def severity_targets(labels: torch.Tensor, severity: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Targets and mask: radiologist scores where present (NaN = none); normal films count as 0
    (by definition no lung is involved); every other film is masked out."""
    has_score = ~torch.isnan(severity)
    is_normal = labels == NORMAL
    target = torch.where(has_score, severity, torch.zeros_like(severity))
    return target, has_score | is_normal


def multitask_loss(logits, severity_pred, labels, severity, class_weights=None, label_smoothing=0.0,
                   severity_weight=1.0, mix: tuple[torch.Tensor, float] | None = None) -> tuple[torch.Tensor, dict]:
    """``mix=(partner, lam)``: film i is lam * film i + (1 - lam) * film partner[i] (mixup)."""
    ce = F.cross_entropy(logits, labels, weight=class_weights, label_smoothing=label_smoothing)
    target, mask = severity_targets(labels, severity)
    if mix is not None:
        partner, lam = mix
        ce = lam * ce + (1 - lam) * F.cross_entropy(logits, labels[partner], weight=class_weights,
                                                    label_smoothing=label_smoothing)
        if lam < 1:
            target = lam * target + (1 - lam) * target[partner]
            mask = mask & mask[partner]
    if mask.any():
        sev = F.smooth_l1_loss(severity_pred[mask], target[mask], beta=0.1)
    else:
        sev = severity_pred.sum() * 0.0  # keeps the graph connected when a batch has no scored film
    return ce + severity_weight * sev, {"ce": ce.item(), "severity": sev.item()}
