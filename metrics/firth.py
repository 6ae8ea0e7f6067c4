"""Firth's penalised logistic regression: finite estimates where the plain maximum-likelihood fit has none.

Maximises l(b) + ½·log|I(b)| (Firth 1993), with l the logistic log-likelihood and I = X'WX the Fisher
information, W = diag(p(1 − p)). Newton steps on the modified score X'(y − p + h(½ − p)), h the
diagonal of the hat matrix W^½ X I⁻¹ X' W^½, halved while the penalised likelihood does not rise.
Standard errors from I⁻¹ at the estimate (Wald intervals; R's logistf defaults to profile-likelihood
ones). Separation (a column predicting the outcome perfectly) still gives finite coefficients.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.confidence import Z_95, two_sided_p


@dataclass(frozen=True)
class LogitFit:
    """Estimates of a logistic fit: params, 95% Wald ci (k × 2), p_values, McFadden's pseudo-R², converged."""

    params: np.ndarray
    ci: np.ndarray
    p_values: np.ndarray
    pseudo_r2: float
    converged: bool


def _loglik(y: np.ndarray, eta: np.ndarray) -> float:
    # log p = −log(1 + e^−η), log(1 − p) = −log(1 + e^η), without overflow
    return float(-(y * np.logaddexp(0.0, -eta) + (1 - y) * np.logaddexp(0.0, eta)).sum())


def _information(x: np.ndarray, eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = 1.0 / (1.0 + np.exp(-eta))
    w = p * (1.0 - p)
    return p, (x * w[:, None]).T @ x


def _penalised(y: np.ndarray, x: np.ndarray, beta: np.ndarray) -> float:
    eta = x @ beta
    sign, logdet = np.linalg.slogdet(_information(x, eta)[1])
    return _loglik(y, eta) + 0.5 * logdet if sign > 0 else -np.inf


def firth_logit(y: np.ndarray, x: np.ndarray, max_iter: int = 100, tol: float = 1e-8) -> LogitFit:
    """Firth's logistic regression of ``y`` (0/1) on ``x`` (its first column the intercept); see the module docstring.

    Example: the intercept alone estimates log((k + ½) / (n − k + ½)) for k positives of n, finite at k = 0.

    >>> import numpy as np
    >>> fit = firth_logit(np.zeros(9), np.ones((9, 1)))
    >>> round(float(fit.params[0]), 6) == round(float(np.log(0.5 / 9.5)), 6)
    True
    """
    beta = np.zeros(x.shape[1])
    current = _penalised(y, x, beta)
    converged = False
    for _ in range(max_iter):
        eta = x @ beta
        p, info = _information(x, eta)
        inverse = np.linalg.inv(info)
        w = p * (1.0 - p)
        h = np.einsum("ij,jk,ik->i", x, inverse, x) * w
        step = inverse @ (x.T @ (y - p + h * (0.5 - p)))
        for _halving in range(30):
            candidate = _penalised(y, x, beta + step)
            if candidate >= current - 1e-12:
                break
            step /= 2.0
        beta = beta + step
        current = _penalised(y, x, beta)
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    _, info = _information(x, x @ beta)
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    half = Z_95 * se
    null = np.full(len(y), np.log(max(y.mean(), 1e-12) / max(1.0 - y.mean(), 1e-12)))
    pseudo_r2 = 1.0 - _loglik(y, x @ beta) / _loglik(y, null)
    return LogitFit(beta, np.column_stack([beta - half, beta + half]), two_sided_p(beta / se), float(pseudo_r2),
                    converged)
