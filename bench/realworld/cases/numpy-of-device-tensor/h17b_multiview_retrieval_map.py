# source: https://github.com/iMoonLab/PVRNet/issues/3
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop, batch-dict, helper
# bug-lines: 39
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn.functional as F


def average_precision(sim_row, query_label, gallery_labels):
    order = np.argsort(-sim_row)
    hits = (gallery_labels[order] == query_label).astype(np.float64)
    if hits.sum() == 0:
        return 0.0
    precision = np.cumsum(hits) / (np.arange(len(hits)) + 1)
    return float((precision * hits).sum() / hits.sum())


@torch.no_grad()
def extract_features(net, loader, device):
    feats, labels = [], []
    net.eval()
    for batch in loader:
        views = batch["views"].to(device)
        points = batch["points"].to(device)
        _, fused = net(points, views)
        feats.append(F.normalize(fused, dim=1))
        labels.append(batch["label"])
    return torch.cat(feats, 0), torch.cat(labels, 0).numpy()


def retrieval_map(net, loader, device):
    feats, labels = extract_features(net, loader, device)
    sim = torch.mm(feats, feats.t())
    sim = sim.numpy()
    scores = []
    for i in range(sim.shape[0]):
        row = np.delete(sim[i], i)
        gallery = np.delete(labels, i)
        scores.append(average_precision(row, labels[i], gallery))
    return float(np.mean(scores))


def evaluate(net, test_loader, device, epoch, log):
    m_ap = retrieval_map(net, test_loader, device)
    log.write("epoch %d  retrieval mAP %.4f\n" % (epoch, m_ap))
    return m_ap
