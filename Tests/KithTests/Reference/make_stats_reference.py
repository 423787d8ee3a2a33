"""Writes stats_reference.json: reference values for Kith's statistics, computed with scipy.

Run from this folder with scipy installed (the tests never need Python):
    python3 make_stats_reference.py
The data sets are fixed (no randomness); each covers a branch of the Swift code.
"""
import json
import math

import numpy as np
import scipy
from scipy import special, stats

PAIRS = {
    # 20 WEMWBS-like pairs with ties: Wilcoxon by the normal approximation.
    "wemwbs_20_ties": (
        [40, 38, 45, 51, 33, 47, 42, 39, 36, 44, 50, 41, 37, 46, 43, 35, 48, 40, 42, 38],
        [44, 41, 45, 55, 40, 46, 49, 44, 39, 50, 52, 45, 36, 49, 47, 41, 47, 46, 48, 41],
    ),
    # 10 pairs, distinct non-zero changes: the exact distribution.
    "exact_10": (
        [12.0, 15.5, 9.0, 20.0, 14.0, 11.0, 17.0, 13.0, 10.0, 16.0],
        [13.0, 18.5, 8.5, 26.0, 14.25, 15.0, 10.0, 21.0, 19.75, 15.9],
    ),
    # 8 pairs with a zero and tied changes: the permutation p-value.
    "permutation_8": (
        [3, 5, 4, 6, 2, 7, 5, 4],
        [5, 5, 6, 4, 4, 9, 8, 3],
    ),
    # 60 pairs, distinct changes: over 50, so the normal approximation without ties.
    "normal_60": (
        [50 + ((i * 37) % 23) * 0.5 for i in range(60)],
        [50 + ((i * 37) % 23) * 0.5 + (i - 25) * 0.173 + ((i * 11) % 7) * 0.01 for i in range(60)],
    ),
    # 30 pairs with zeros and ties: normal approximation, zeros dropped, tie correction.
    "zeros_ties_30": (
        [(i * 7) % 10 for i in range(30)],
        [(i * 7) % 10 + [0, 1, -1, 2, 0, 1, 1, 3, -2, 0][i % 10] for i in range(30)],
    ),
    # Two pairs: the smallest sample with every statistic defined.
    "two_pairs": ([10, 12], [13, 14]),
}


def paired(before, after):
    x = np.array(before, dtype=float)
    y = np.array(after, dtype=float)
    d = y - x
    n = len(d)
    t = stats.ttest_rel(y, x)
    ci = t.confidence_interval(0.95)
    w = stats.wilcoxon(y, x)
    sd1, sd2 = x.std(ddof=1), y.std(ddof=1)
    df = n - 1
    rho = stats.spearmanr(x, d)
    fit = stats.linregress(x, d)
    crit = stats.t.ppf(0.975, n - 2) if n > 2 else float("nan")
    return {
        "before": before, "after": after,
        "mean_change": d.mean(), "sd_change": d.std(ddof=1),
        "t": float(t.statistic), "df": int(t.df), "p_t": float(t.pvalue),
        "ci_low": float(ci.low), "ci_high": float(ci.high),
        "wilcoxon_statistic": float(w.statistic), "p_wilcoxon": float(w.pvalue),
        "d_z": d.mean() / d.std(ddof=1),
        "g_av": d.mean() / ((sd1 + sd2) / 2) * (1 - 3 / (4 * df - 1)),
        "before_median": float(np.median(x)), "before_q1": float(np.percentile(x, 25)),
        "before_q3": float(np.percentile(x, 75)),
        "spearman_rho": float(rho.statistic), "spearman_p": float(rho.pvalue),
        "slope": float(fit.slope), "slope_se": float(fit.stderr),
        "slope_ci_low": float(fit.slope - crit * fit.stderr),
        "slope_ci_high": float(fit.slope + crit * fit.stderr),
    }


def alpha(rows):
    complete = np.array([r for r in rows if None not in r], dtype=float)
    k = complete.shape[1]
    total = complete.sum(axis=1)
    a = k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / total.var(ddof=1))
    rest = [np.corrcoef(complete[:, i], total - complete[:, i])[0, 1] for i in range(k)]
    dropped = []
    for i in range(k):
        sub = np.delete(complete, i, axis=1)
        kk = sub.shape[1]
        dropped.append(kk / (kk - 1) * (1 - sub.var(axis=0, ddof=1).sum() / sub.sum(axis=1).var(ddof=1)))
    return {"rows": rows, "n": len(complete), "alpha": a, "item_rest": rest, "alpha_if_deleted": dropped}


def wilson(count, n):
    # Wilson (1927) score interval; statsmodels' proportion_confint(method="wilson") formula.
    z = stats.norm.ppf(0.975)
    p = count / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return {"count": count, "n": n, "low": max(0.0, centre - half), "high": min(1.0, centre + half)}


reference = {
    "scipy": scipy.__version__,
    "incomplete_beta": [
        {"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))}
        for (x, a, b) in [(0.3, 2, 3), (0.9, 0.5, 0.5), (0.01, 10, 0.5), (0.999, 50, 0.5),
                          (0.5, 200, 200), (0.2, 1, 1), (0.7, 7.5, 0.5), (1e-5, 0.5, 30)]
    ],
    "t_two_sided": [
        {"t": t, "df": df, "value": float(2 * stats.t.sf(abs(t), df))}
        for (t, df) in [(2.1, 19), (0.3, 4), (-5.5, 2), (12.0, 60), (1.0, 1), (3.3, 500), (0.0, 9)]
    ],
    "t_critical": [
        {"df": df, "value": float(stats.t.ppf(0.975, df))} for df in [1, 2, 5, 19, 29, 59, 400]
    ],
    "normal_two_sided": [
        {"z": z, "value": float(2 * stats.norm.sf(abs(z)))} for z in [0.0, 1.0, 1.96, -2.5, 6.0]
    ],
    "paired": {name: paired(*data) for name, data in PAIRS.items()},
    "alpha": [
        alpha([[3, 4, 3, 5], [2, 2, 3, 2], [4, 5, 4, 4], [1, 2, 1, 2], [3, 3, 4, 3],
               [5, 4, 5, 5], [2, 3, None, 2], [4, 4, 3, 5]]),
        alpha([[1, 0, 1], [0, 0, 1], [1, 1, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0], [1, 1, 1]]),
    ],
    "wilson": [wilson(c, n) for (c, n) in [(0, 10), (3, 10), (10, 10), (17, 40), (1, 1)]],
}

def without_nan(value):
    """JSON has no NaN: a statistic that is not defined is written as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nan(v) for v in value]
    return value


with open("stats_reference.json", "w") as out:
    json.dump(without_nan(reference), out, indent=1, sort_keys=True, allow_nan=False)
    out.write("\n")
