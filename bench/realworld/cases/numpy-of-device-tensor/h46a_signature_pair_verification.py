# source: https://github.com/clcarwin/sphereface_pytorch/issues/12
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class SignatureEmbedder(nn.Module):
    """Embeds scanned handwritten signatures from notarised contracts."""

    def __init__(self, dim=128):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 5, 2, 2), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(4), nn.Flatten(),
        )
        self.proj = nn.Linear(64 * 16, dim)

    def forward(self, x):
        return self.proj(self.features(x))


def load_pairs(n=600):
    # (reference scan, questioned scan, same-signer flag)
    return [(torch.rand(1, 1, 96, 192), torch.rand(1, 1, 96, 192), i % 2) for i in range(n)]


def best_threshold(scores, labels):
    candidates = np.linspace(-1.0, 1.0, 401)
    accs = [((scores > t).astype(int) == labels).mean() for t in candidates]
    return candidates[int(np.argmax(accs))], max(accs)


@torch.no_grad()
def evaluate(net, pairs, device):
    predicts = []
    for ref, questioned, same in pairs:
        f1 = net(ref.to(device))
        f2 = net(questioned.to(device))
        cosdistance = F.cosine_similarity(f1, f2).cpu()
        predicts.append([cosdistance.item(), same])
    predicts = np.array(predicts)
    return best_threshold(predicts[:, 0], predicts[:, 1].astype(int))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SignatureEmbedder().to(device).eval()
    thr, acc = evaluate(net, load_pairs(), device)
    print(f"threshold={thr:.3f} accuracy={acc:.4f}")
