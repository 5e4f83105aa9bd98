# source: https://github.com/Lightning-AI/torchmetrics/issues/608
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 34, 43
# needs: torch, torchmetrics
# cpu: no written where torch was not installed; not run
"""Audio-tagging training loop with mixed precision and a running accuracy metric."""
import torch
import torch.nn as nn
import torchmetrics
from torch.utils.data import DataLoader, TensorDataset

NUM_CLASSES = 10


class SmallCNN14(nn.Module):
    def __init__(self, n_mels=64, num_classes=NUM_CLASSES):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(64, num_classes)

    def forward(self, spec):
        return self.head(self.features(spec.unsqueeze(1)).flatten(1))


def train_loop(epoch, dataloader, scaler, model, loss_fn, optim, device="cuda:0"):
    model.train()
    epoch_loss = 0.0
    metric = torchmetrics.Accuracy(task="multiclass", num_classes=NUM_CLASSES, average="macro")
    for step, (spec, label) in enumerate(dataloader):
        optim.zero_grad()
        spec = spec.to(device).float()
        label = label.to(device).long()
        with torch.autocast("cuda"):
            logits = model(spec)
            loss = loss_fn(logits, label)
            probs = torch.softmax(logits, dim=1)
        step_acc = metric(probs, label)
        scaler.scale(loss).backward()
        scaler.step(optim)
        scaler.update()
        epoch_loss += loss.item()
        if step % 10 == 0:
            print(f"epoch {epoch} step {step} loss {loss.item():.4f} acc {step_acc.item():.3f}")
    return epoch_loss / (step + 1), metric.compute().item()


def main():
    device = "cuda:0"
    data = TensorDataset(torch.randn(640, 64, 128), torch.randint(0, NUM_CLASSES, (640,)))
    loader = DataLoader(data, batch_size=32, shuffle=True)
    model = SmallCNN14().to(device)
    optim = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scaler = torch.cuda.amp.GradScaler()
    for epoch in range(3):
        loss, acc = train_loop(epoch, loader, scaler, model, nn.CrossEntropyLoss(), optim, device)
        print(f"epoch {epoch}: loss {loss:.4f} acc {acc:.3f}")


if __name__ == "__main__":
    main()
