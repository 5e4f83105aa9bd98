# source: https://github.com/LiQian-XC/sctour/issues/14
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, class, loader-loop
# needs: numpy
# cpu: no written where torch was not installed; not run
import sys

import numpy as np

from trainer import Trainer


def load_counts(path, n_top_genes=2000):
    counts = np.loadtxt(path, delimiter=",", skiprows=1)
    # keep the most variable genes, log-normalise per cell
    order = np.argsort(counts.var(axis=0))[::-1][:n_top_genes]
    counts = counts[:, order]
    size = counts.sum(axis=1, keepdims=True)
    return np.log1p(counts / np.maximum(size, 1) * 1e4)


if __name__ == "__main__":
    expr = load_counts(sys.argv[1] if len(sys.argv) > 1 else "counts.csv")
    tnode = Trainer(expr, n_latent=5, nepoch=400)
    tnode.train()
    np.save("pseudotime.npy", tnode.get_time())
