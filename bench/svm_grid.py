"""Baseline for bench/svm-grid.ts: scikit-learn's GridSearchCV on the same
features file and the same grid, 10-fold stratified CV, n_jobs=2.

Usage: python3 bench/svm_grid.py FEATURES.f64 LABELS.i32 DIM FOLDS
Prints one JSON line: seconds, best parameters, best mean CV accuracy.
"""

import json
import sys
import time

import numpy as np
import psutil
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.svm import SVC


def process_cpu_seconds() -> float:
    """CPU time of this process and its joblib workers (still alive)."""
    me = psutil.Process()
    total = 0.0
    for process in [me, *me.children(recursive=True)]:
        times = process.cpu_times()
        total += times.user + times.system
    return total


def main() -> None:
    features_path, labels_path, dim, folds = sys.argv[1:5]
    x = np.fromfile(features_path, dtype="<f8").reshape(-1, int(dim))
    y = np.fromfile(labels_path, dtype="<i4")
    grid = [
        {"kernel": ["linear"], "C": [1, 10, 100]},
        {"kernel": ["rbf", "poly"], "C": [1, 10, 100], "gamma": ["scale", "auto"]},
    ]
    cv = StratifiedKFold(n_splits=int(folds), shuffle=True, random_state=7)
    search = GridSearchCV(SVC(), grid, cv=cv, n_jobs=2)
    start = time.perf_counter()
    search.fit(x, y)
    seconds = time.perf_counter() - start
    cpu_seconds = process_cpu_seconds()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "best_params": search.best_params_,
                "best_score": search.best_score_,
            }
        )
    )


if __name__ == "__main__":
    main()
