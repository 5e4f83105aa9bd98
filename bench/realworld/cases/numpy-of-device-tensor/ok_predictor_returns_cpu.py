# source: https://github.com/JDAI-CV/fast-reid/pull/509
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop
# looks-like: numpy-of-device-tensor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class DefaultPredictor:
    def __init__(self, model, device):
        self.model = model.to(device).eval()
        self.device = device

    def __call__(self, images):
        with torch.no_grad():
            feats = self.model(images.to(self.device))
            # keep post-processing device-agnostic: hand back host tensors
            return F.normalize(feats, dim=1).cpu()


def extract(predictor, batches):
    return torch.cat([predictor(b) for b in batches], dim=0)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    predictor = DefaultPredictor(nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 8, 32)), device)
    feats = extract(predictor, torch.randn(3, 8, 3, 16, 8).unbind(0))
    q_feat, g_feat = feats[:8], feats[8:]
    distmat = 1 - torch.mm(q_feat, g_feat.t())
    distmat = distmat.numpy()
    indices = np.argsort(distmat, axis=1)
    print(indices[:, :5])
