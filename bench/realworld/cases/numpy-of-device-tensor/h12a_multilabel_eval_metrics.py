# source: https://github.com/JunwenBai/C-GMVAE/pull/1
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# looks-like: numpy-of-device-tensor
# shape: helper, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def to_numpy(tensor):
    return tensor.detach().cpu().numpy()


def micro_f1(pred, gold):
    tp = np.logical_and(pred == 1, gold == 1).sum()
    fp = np.logical_and(pred == 1, gold == 0).sum()
    fn = np.logical_and(pred == 0, gold == 1).sum()
    return 2 * tp / max(2 * tp + fp + fn, 1)


def hamming_accuracy(pred, gold):
    return float((pred == gold).mean())


def evaluate(model, loader, device, threshold=0.5):
    model.eval()
    probs, labels = [], []
    with torch.no_grad():
        for feats, gold in loader:
            logits = model(feats.to(device))
            probs.append(to_numpy(torch.sigmoid(logits)))
            labels.append(gold.numpy())
    probs = np.concatenate(probs)
    labels = np.concatenate(labels).astype(np.int64)
    pred = (probs > threshold).astype(np.int64)
    return {"micro_f1": micro_f1(pred, labels), "hamming_acc": hamming_accuracy(pred, labels)}


def train(model, train_loader, valid_loader, device, epochs=20, lr=1e-3):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.BCEWithLogitsLoss()
    best = 0.0
    for epoch in range(epochs):
        model.train()
        for feats, gold in train_loader:
            feats, gold = feats.to(device), gold.to(device)
            loss = criterion(model(feats), gold)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        metrics = evaluate(model, valid_loader, device)
        if metrics["micro_f1"] > best:
            best = metrics["micro_f1"]
            torch.save(model.state_dict(), "best_multilabel.pt")
        print(f"epoch {epoch}: micro-F1 {metrics['micro_f1']:.4f} hamming {metrics['hamming_acc']:.4f}")
    return best


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x = torch.randn(2000, 294)
    y = (torch.rand(2000, 6) > 0.7).float()
    train_loader = DataLoader(TensorDataset(x[:1600], y[:1600]), batch_size=128, shuffle=True)
    valid_loader = DataLoader(TensorDataset(x[1600:], y[1600:]), batch_size=256)
    model = nn.Sequential(nn.Linear(294, 512), nn.ReLU(), nn.Dropout(0.3), nn.Linear(512, 6)).to(device)
    train(model, train_loader, valid_loader, device)
