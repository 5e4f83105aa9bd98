# source: https://github.com/rosinality/stylegan2-pytorch/issues/130
# error: RuntimeError: Caught RuntimeError in replica 1 on device 1.
# pattern: module-in-plain-container
# shape: multi-file, class
# cpu: clean
# needs: torch
import torch
from torch import nn

from lpips_net import PNetLin


class DistModel:
    """Wraps the perceptual network the same way for training and scoring."""

    def __init__(self):
        self.net = None
        self.gpu_ids = []
        self.use_gpu = False

    def initialize(self, use_gpu=True, gpu_ids=(0,), use_dropout=True):
        self.use_gpu = use_gpu
        self.gpu_ids = list(gpu_ids)
        self.net = PNetLin(use_dropout=use_dropout)
        self.net.eval()

        if use_gpu:
            self.net.to(self.gpu_ids[0])
            self.net = nn.DataParallel(self.net, device_ids=self.gpu_ids)
        return self

    def forward(self, in0, in1):
        return self.net(in0, in1)

    @torch.no_grad()
    def score_loader(self, loader, device):
        scores = []
        for ref, distorted in loader:
            ref = ref.to(device)
            distorted = distorted.to(device)
            d = self.forward(ref, distorted)
            scores.append(d.flatten().cpu())
        return torch.cat(scores)
