# source: https://github.com/john-hewitt/structural-probes/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 30
# needs: numpy, matplotlib, seaborn, scipy
# cpu: no written where torch was not installed; not run
"""Writes heatmaps and Spearman correlations for predicted vs. gold parse distances."""
import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from scipy.stats import spearmanr


class DistanceReporter:
    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)

    def report_image_examples(self, prediction_batches, loader, split, max_images=5):
        printed = 0
        for preds, batch in zip(prediction_batches, loader):
            for pred, label, length, words in zip(preds, batch["labels"], batch["lengths"],
                                                  batch["observations"]):
                length = int(length)
                gold = label[:length, :length].numpy()
                pred = pred[:length, :length]
                for name, mat in (("gold", gold), ("pred", pred)):
                    plt.clf()
                    ax = sns.heatmap(mat)
                    ax.set_xticks(np.arange(length))
                    ax.set_xticklabels(words, rotation=90, fontsize=6)
                    plt.savefig(os.path.join(self.root, f"{split}-{name}{printed}.png"), dpi=150)
                printed += 1
                if printed == max_images:
                    return

    def report_spearmanr(self, prediction_batches, loader, split):
        scores = []
        for preds, batch in zip(prediction_batches, loader):
            for pred, label, length in zip(preds, batch["labels"], batch["lengths"]):
                length = int(length)
                gold = label[:length, :length].cpu().numpy()
                scores += [spearmanr(p, g).correlation
                           for p, g in zip(pred[:length, :length], gold)]
        with open(os.path.join(self.root, f"{split}.spearmanr"), "w") as f:
            f.write(f"{np.nanmean(scores):.4f}\n")
