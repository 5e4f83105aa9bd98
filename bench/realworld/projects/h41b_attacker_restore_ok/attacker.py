# source: https://github.com/MadryLab/robustness/issues/21
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: module-not-placed
# shape: multi-file, class
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class InputNormalize(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1))

    def forward(self, x):
        return (torch.clamp(x, 0, 1) - self.mean) / self.std


class AttackerModel(nn.Module):
    """Classifier + normalizer that can optionally craft an L2 PGD example first."""

    def __init__(self, classifier, mean, std):
        super().__init__()
        self.normalizer = InputNormalize(mean, std)
        self.model = classifier

    def _l2_step(self, x, orig, grad, step_size, eps):
        g = grad / grad.flatten(1).norm(dim=1).clamp(min=1e-12).view(-1, 1, 1, 1)
        x = x + step_size * g
        diff = x - orig
        scale = (eps / diff.flatten(1).norm(dim=1).clamp(min=1e-12)).clamp(max=1.0)
        return torch.clamp(orig + diff * scale.view(-1, 1, 1, 1), 0, 1)

    def attack(self, x, target, eps, step_size, iterations, targeted=False):
        orig = x.detach()
        x = orig.clone()
        sign = -1.0 if targeted else 1.0
        for _ in range(iterations):
            x.requires_grad_(True)
            loss = sign * F.cross_entropy(self.model(self.normalizer(x)), target)
            grad, = torch.autograd.grad(loss, x)
            x = self._l2_step(x.detach(), orig, grad, step_size, eps)
        return x.detach()

    def forward(self, x, target=None, make_adv=False, **attack_kwargs):
        if make_adv:
            prev = self.training
            self.eval()
            x = self.attack(x, target, **attack_kwargs)
            self.train(prev)
        return self.model(self.normalizer(x)), x
