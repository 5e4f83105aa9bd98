# source: https://github.com/TaoShuchang/G-NIA/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Validation / test pass for a single-node injection attack on a frozen GCN."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class DenseGCN(nn.Module):
    def __init__(self, nfeat, nhid, nclass):
        super().__init__()
        self.w1, self.w2 = nn.Linear(nfeat, nhid), nn.Linear(nhid, nclass)

    def forward(self, x, adj):
        return self.w2(adj @ F.relu(self.w1(adj @ x)))


def injected_logits(victim, adj, feat, target, inj_feat):
    n = adj.shape[0]
    new_adj = torch.zeros(n + 1, n + 1, device=adj.device)
    new_adj[:n, :n] = adj
    new_adj[n, target] = new_adj[target, n] = new_adj[n, n] = 1.0
    deg = new_adj.sum(1)
    return victim(torch.cat([feat, inj_feat[None]], 0), new_adj / torch.sqrt(deg[:, None] * deg[None, :]))


@torch.no_grad()
def evaluate(victim, generator, adj, feat, labels_np, node_ids):
    val_loss_arr, val_atk_success = [], []
    for target in node_ids:
        ori = int(labels_np[target])
        logits = injected_logits(victim, adj, feat, target, generator(feat[target]))
        others = logits[target].clone()
        others[ori] = -1e9
        loss = F.relu(logits[target, ori] - others.max())
        val_loss_arr.append(loss.detach().cpu().item())
        val_atk_success.append(int(ori != logits[target].argmax().item()))
    preds = logits.argmax(1).cpu().numpy()
    return np.array(val_loss_arr).mean(), np.array(val_atk_success).mean(), preds


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n, nfeat = 300, 32
    feat = torch.rand(n, nfeat, device=device)
    adj = ((torch.rand(n, n, device=device) < 0.02).float() + torch.eye(n, device=device)).clamp(max=1)
    labels_np = np.random.randint(0, 4, n)
    victim = DenseGCN(nfeat, 64, 4).to(device).eval()
    generator = nn.Sequential(nn.Linear(nfeat, 64), nn.ReLU(), nn.Linear(64, nfeat), nn.Sigmoid()).to(device)
    for split, ids in (("val", range(200, 250)), ("test", range(250, 300))):
        loss, success, _ = evaluate(victim, generator, adj, feat, labels_np, ids)
        print(split, "loss %.4f" % loss, "attack success rate %.3f" % success)
