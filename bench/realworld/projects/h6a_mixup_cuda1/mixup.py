# source: https://github.com/raoyongming/DynamicViT/issues/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument index in method wrapper_scatter__value)
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# bug-lines: 14, 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def one_hot(x, num_classes, on_value=1.0, off_value=0.0, device="cuda"):
    x = x.long().view(-1, 1)
    return torch.full((x.size(0), num_classes), off_value, device=device).scatter_(1, x, on_value)


def mixup_target(target, num_classes, lam=1.0, smoothing=0.0, device="cuda"):
    off_value = smoothing / num_classes
    on_value = 1.0 - smoothing + off_value
    y1 = one_hot(target, num_classes, on_value=on_value, off_value=off_value, device=device)
    y2 = one_hot(target.flip(0), num_classes, on_value=on_value, off_value=off_value, device=device)
    return y1 * lam + y2 * (1.0 - lam)


class Mixup:
    """Batch-wise mixup / cutmix with label smoothing (timm-style)."""

    def __init__(self, mixup_alpha=0.8, cutmix_alpha=1.0, prob=1.0, switch_prob=0.5,
                 label_smoothing=0.1, num_classes=1000):
        self.mixup_alpha = mixup_alpha
        self.cutmix_alpha = cutmix_alpha
        self.prob = prob
        self.switch_prob = switch_prob
        self.label_smoothing = label_smoothing
        self.num_classes = num_classes

    def _cutmix_box(self, h, w, lam):
        cut = np.sqrt(1.0 - lam)
        ch, cw = int(h * cut), int(w * cut)
        cy, cx = np.random.randint(h), np.random.randint(w)
        y0, y1 = np.clip(cy - ch // 2, 0, h), np.clip(cy + ch // 2, 0, h)
        x0, x1 = np.clip(cx - cw // 2, 0, w), np.clip(cx + cw // 2, 0, w)
        return y0, y1, x0, x1

    def __call__(self, x, target):
        lam = 1.0
        if np.random.rand() < self.prob:
            if np.random.rand() < self.switch_prob:
                lam = np.random.beta(self.cutmix_alpha, self.cutmix_alpha)
                y0, y1, x0, x1 = self._cutmix_box(x.shape[-2], x.shape[-1], lam)
                x[:, :, y0:y1, x0:x1] = x.flip(0)[:, :, y0:y1, x0:x1]
                lam = 1.0 - (y1 - y0) * (x1 - x0) / float(x.shape[-2] * x.shape[-1])
            else:
                lam = float(np.random.beta(self.mixup_alpha, self.mixup_alpha))
                x.mul_(lam).add_(x.flip(0).mul(1.0 - lam))
        target = mixup_target(target, self.num_classes, lam, self.label_smoothing)
        return x, target
