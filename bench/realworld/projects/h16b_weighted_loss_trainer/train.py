# source: https://github.com/freud14/poutyne/pull/25
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_nll_loss_forward)
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 29
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from losses import class_weights
from trainer import Trainer

NUM_CLASSES = 5


def make_data(n=2000, dim=32):
    x = torch.randn(n, dim)
    y = torch.multinomial(torch.tensor([0.6, 0.2, 0.1, 0.07, 0.03]), n, replacement=True)
    return x, y


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    x, y = make_data()
    train_loader = DataLoader(TensorDataset(x[:1600], y[:1600]), batch_size=64, shuffle=True)
    valid_loader = DataLoader(TensorDataset(x[1600:], y[1600:]), batch_size=256)
    criterion = nn.CrossEntropyLoss(weight=class_weights(y[:1600], NUM_CLASSES))
    network = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, NUM_CLASSES))
    optimizer = torch.optim.AdamW(network.parameters(), lr=1e-3)
    trainer = Trainer(network, optimizer, criterion, device)
    for epoch in range(10):
        loss = trainer.fit_epoch(train_loader)
        acc = trainer.evaluate(valid_loader)
        print(f"epoch {epoch}: loss={loss:.4f} val_acc={acc:.3f}")


if __name__ == "__main__":
    main()
