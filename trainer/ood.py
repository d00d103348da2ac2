"""Out-of-distribution score: Mahalanobis distance of pooled features to the nearest class mean,
with one covariance shared by the classes (Lee et al., NeurIPS 2018), fitted on validation films.

``mahalanobis_score`` is plain tensor ops so that the export puts the same code in the ONNX graph.
"""

import numpy as np
import torch


def fit_ood(pooled: torch.Tensor, labels: torch.Tensor, num_classes: int, percentile: float = 99.0,
            shrinkage: float = 1e-3) -> dict:
    """Class means, shared precision (inverse covariance, shrunk towards its diagonal mean) and the
    threshold at ``percentile`` of the fitting films' own scores."""
    pooled = pooled.double()
    means = torch.stack([pooled[labels == c].mean(dim=0) if (labels == c).any() else pooled.mean(dim=0)
                         for c in range(num_classes)])
    centred = pooled - means[labels]
    cov = centred.T @ centred / max(len(pooled) - 1, 1)
    cov = cov + shrinkage * cov.diagonal().mean() * torch.eye(cov.shape[0], dtype=cov.dtype)
    precision = torch.linalg.inv(cov)
    stats = {"means": means.float(), "precision": precision.float(), "percentile": float(percentile)}
    scores = mahalanobis_score(pooled.float(), stats["means"], stats["precision"])
    stats["threshold"] = float(np.percentile(scores.numpy(), percentile))
    return stats


def mahalanobis_score(pooled: torch.Tensor, means: torch.Tensor, precision: torch.Tensor) -> torch.Tensor:
    """[N, K] features -> [N] distance to the nearest class mean (higher = less like training CXRs)."""
    diff = pooled[:, None, :] - means[None, :, :]                  # [N, C, K]
    sq = ((diff @ precision) * diff).sum(dim=2)                     # [N, C]
    return torch.sqrt(torch.clamp(sq.min(dim=1).values, min=0.0))
