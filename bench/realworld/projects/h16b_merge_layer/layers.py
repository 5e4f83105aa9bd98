# source: https://github.com/asyml/texar-pytorch/issues/72 https://github.com/asyml/texar-pytorch/pull/74
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 23, 25
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class MergeLayer(nn.Module):
    """Applies several sub-layers to the same input and merges their outputs.

    mode: one of "concat", "sum", "mean", "max".
    """

    def __init__(self, layers, mode="concat", dim=1):
        super().__init__()
        if mode not in ("concat", "sum", "mean", "max"):
            raise ValueError(f"unknown merge mode {mode!r}")
        self._mode, self._dim = mode, dim
        self._layers = []
        for layer in layers:
            self._layers.append(layer)

    @property
    def layers(self):
        return self._layers

    def forward(self, x):
        outputs = [layer(x) for layer in self._layers]
        if self._mode == "concat":
            return torch.cat(outputs, dim=self._dim)
        stacked = torch.stack(outputs, dim=0)
        if self._mode == "sum":
            return stacked.sum(0)
        if self._mode == "mean":
            return stacked.mean(0)
        return stacked.max(0).values
