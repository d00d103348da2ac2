"""Multi-task loss: cross-entropy with label smoothing + a severity loss on the films that have one."""

import torch
import torch.nn.functional as F

from trainer import NORMAL


def severity_targets(labels: torch.Tensor, severity: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Targets and mask: radiologist scores where present (NaN = none); normal films count as 0
    (by definition no lung is involved); every other film is masked out."""
    has_score = ~torch.isnan(severity)
    is_normal = labels == NORMAL
    target = torch.where(has_score, severity, torch.zeros_like(severity))
    return target, has_score | is_normal


def multitask_loss(logits, severity_pred, labels, severity, label_smoothing=0.0,
                   severity_weight=1.0) -> tuple[torch.Tensor, dict]:
    """-> (cross-entropy + severity_weight x smooth-L1 severity loss, {"ce": ..., "severity": ...})."""
    ce = F.cross_entropy(logits, labels, label_smoothing=label_smoothing)
    target, mask = severity_targets(labels, severity)
    if mask.any():
        sev = F.smooth_l1_loss(severity_pred[mask], target[mask], beta=0.1)
    else:
        sev = severity_pred.sum() * 0.0  # keeps the graph connected when a batch has no scored film
    return ce + severity_weight * sev, {"ce": ce.item(), "severity": sev.item()}
