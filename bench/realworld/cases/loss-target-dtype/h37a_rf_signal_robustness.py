# source: https://github.com/bethgelab/foolbox/issues/701
# error: RuntimeError: "nll_loss_forward_no_reduce_cuda_kernel_index" not implemented for 'Float'
# pattern: loss-target-dtype
# shape: helper, top-level
# bug-lines: 32, 48
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""FGSM robustness check of a trained modulation classifier on RF IQ captures."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class IQConvNet(nn.Module):
    def __init__(self, n_classes=9):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 64, (1, 3), padding=(0, 1)), nn.ReLU(),
            nn.Conv2d(64, 16, (2, 3), padding=(0, 1)), nn.ReLU(),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(16 * 128, 128),
                                        nn.ReLU(), nn.Linear(128, n_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


def fgsm_robustness(model, x, y, eps):
    x_adv = x.clone().requires_grad_(True)
    logits = model(x_adv)
    per_sample = F.cross_entropy(logits, y, reduction="none")
    per_sample.sum().backward()
    x_adv = (x_adv + eps * x_adv.grad.sign()).clamp(-1, 1).detach()
    with torch.no_grad():
        clean = (model(x).argmax(1) == y).float().mean().item()
        robust = (model(x_adv).argmax(1) == y).float().mean().item()
    return clean, robust


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    captures = np.load("iq_test_captures.npz")
    X_test = captures["iq"].reshape(-1, 2, 128)          # float32 IQ windows
    Y_test = captures["modulation"]                       # int64 class ids

    x_test = torch.from_numpy(X_test).unsqueeze(1)
    y_test = torch.Tensor(Y_test)
    x_test, y_test = x_test[:1000].to(device), y_test[:1000].to(device)

    model = IQConvNet(n_classes=9)
    model.load_state_dict(torch.load("iqconvnet_9c.pth", map_location=device))
    model = model.to(device).eval()

    for eps in (0.001, 0.005, 0.01, 0.05):
        clean_acc, robust_acc = fgsm_robustness(model, x_test, y_test, eps)
        print(f"eps={eps:.3f} clean={clean_acc:.3f} robust={robust_acc:.3f}")
