# source: https://github.com/JDAI-CV/fast-reid/pull/509
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop
# bug-lines: 24, 48
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class FeatureExtractionDemo:
    def __init__(self, model, device):
        self.model = model.to(device).eval()
        self.device = device

    def run_on_loader(self, loader):
        for images, pids, camids in loader:
            with torch.no_grad():
                feats = self.model(images.to(self.device))
            yield F.normalize(feats, dim=1), pids.numpy(), camids.numpy()


def build_distmat(query_feat, gallery_feat):
    return 1 - torch.mm(query_feat, gallery_feat.t())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    backbone = nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 8, 64))
    demo = FeatureExtractionDemo(backbone, device)
    images = torch.randn(24, 3, 16, 8)
    pids, camids = torch.randint(0, 6, (24,)), torch.randint(0, 3, (24,))
    loader = DataLoader(TensorDataset(images, pids, camids), batch_size=8)

    feats, all_pids, all_camids = [], [], []
    for f, p, c in demo.run_on_loader(loader):
        feats.append(f)
        all_pids.extend(p)
        all_camids.extend(c)
    feats = torch.cat(feats, dim=0)
    num_query = 8
    q_feat, g_feat = feats[:num_query], feats[num_query:]
    distmat = build_distmat(q_feat, g_feat)
    distmat = distmat.numpy()
    indices = np.argsort(distmat, axis=1)
    q_pids, g_pids = np.asarray(all_pids[:num_query]), np.asarray(all_pids[num_query:])
    matches = (g_pids[indices] == q_pids[:, np.newaxis]).astype(np.int32)
    print("rank-1:", matches[:, 0].mean())
