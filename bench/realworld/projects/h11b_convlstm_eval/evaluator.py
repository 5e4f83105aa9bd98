# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# bug-lines: 44
# needs: torch, matplotlib
# cpu: no written where torch was not installed; not run
"""Runs a trained frame predictor over the test set and saves label/prediction strips."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader

from model import DEVICE


class Evaluator:
    def __init__(self, model: nn.Module, test_loader: DataLoader, out_dir: str):
        self.model = model
        self.test_loader = test_loader
        self.out_dir = out_dir
        os.makedirs(out_dir, exist_ok=True)

    def run(self):
        self.model.eval()
        with torch.no_grad():
            for case_idx, (inputs, targets) in enumerate(self.test_loader):
                inputs, targets = inputs.to(DEVICE), targets.to(DEVICE)
                preds = self.model(inputs)
                self.save_strip(case_idx, targets, preds)

    def save_strip(self, case_idx, targets, preds):
        """targets/preds: (batch=1, channels, frames, height, width); row 0 = truth, row 1 = model."""
        n_frames = targets.size(2)
        fig, axes = plt.subplots(2, n_frames, figsize=(1.6 * n_frames, 3.4))
        for row, (title, frames) in enumerate((("ground truth", targets), ("prediction", preds))):
            axes[row, 0].set_ylabel(title)
            for t in range(n_frames):
                axes[row, t].imshow(frames[0, 0, t], cmap="gray", vmin=0.0, vmax=1.0)
                axes[row, t].set_xticks([])
                axes[row, t].set_yticks([])
                axes[row, t].set_title(f"t+{t + 1}", fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(self.out_dir, f"case_{case_idx:04d}.png"))
        plt.close(fig)
