# source: https://github.com/yatengLG/Focal-Loss-Pytorch/issues/17
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #3 'index'
# pattern: tensor-attribute-not-buffer
# shape: class, batch-dict, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Anchor classification head trained with a focal loss whose class weights move with .to()."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class WeightedFocalLoss(nn.Module):
    def __init__(self, num_classes, background_alpha=0.25, gamma=2.0):
        super().__init__()
        self.gamma = gamma
        alpha = torch.full((num_classes,), 1.0 - background_alpha)
        alpha[0] = background_alpha
        self.register_buffer("alpha", alpha)

    def forward(self, logits, targets):
        logits = logits.reshape(-1, logits.size(-1))
        targets = targets.reshape(-1)
        log_pt = F.log_softmax(logits, dim=1).gather(1, targets[:, None]).squeeze(1)
        alpha_t = self.alpha.gather(0, targets)
        return (-alpha_t * (1.0 - log_pt.exp()) ** self.gamma * log_pt).mean()


class AnchorHead(nn.Module):
    def __init__(self, in_channels=256, num_anchors=9, num_classes=5):
        super().__init__()
        self.num_classes = num_classes
        self.conv = nn.Conv2d(in_channels, in_channels, 3, padding=1)
        self.cls = nn.Conv2d(in_channels, num_anchors * num_classes, 3, padding=1)

    def forward(self, feats):
        out = self.cls(F.relu(self.conv(feats)))
        n, _, h, w = out.shape
        return out.permute(0, 2, 3, 1).reshape(n, h * w * (out.size(1) // self.num_classes), self.num_classes)


def fake_batches(steps):
    for _ in range(steps):
        yield {
            "features": torch.randn(4, 256, 16, 16),
            "anchor_labels": torch.randint(0, 5, (4, 16 * 16 * 9)),
        }


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    head = AnchorHead().to(device)
    criterion = WeightedFocalLoss(num_classes=5).to(device)
    optimizer = torch.optim.SGD(head.parameters(), lr=0.01, momentum=0.9)
    for step, batch in enumerate(fake_batches(50)):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = criterion(head(batch["features"]), batch["anchor_labels"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
