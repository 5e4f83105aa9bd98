# source: https://github.com/sacdallago/biotrainer/pull/62 https://github.com/pytorch/pytorch/pull/150750
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss_forward)
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 27, 53
# needs: torch
# cpu: no written where torch was not installed; not run

from collections import Counter

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

LOSSES = {
    "sequence_to_class": {"cross_entropy_loss": nn.CrossEntropyLoss},
    "residue_to_class": {"cross_entropy_loss": nn.CrossEntropyLoss},
    "sequence_to_value": {"mean_squared_error": nn.MSELoss},
}


def get_loss(protocol, loss_choice, weight=None):
    loss = LOSSES.get(protocol, {}).get(loss_choice)
    if loss is None:
        raise NotImplementedError(f"{loss_choice} is not available for {protocol}")
    if weight is not None:
        return loss(weight=weight)
    return loss()


def compute_class_weights(labels, n_classes):
    counts = Counter(labels.tolist())
    total = sum(counts.values())
    return torch.tensor([total / (n_classes * counts.get(c, 1)) for c in range(n_classes)], dtype=torch.float)


class LightAttentionLite(nn.Module):
    def __init__(self, n_features, n_classes):
        super().__init__()
        self.proj = nn.Linear(n_features, 256)
        self.out = nn.Sequential(nn.ReLU(), nn.Dropout(0.25), nn.Linear(256, n_classes))

    def forward(self, x):
        return self.out(self.proj(x).max(dim=1).values)


def training_routine(embeddings, labels, protocol="sequence_to_class", use_class_weights=True, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n_classes = int(labels.max()) + 1
    class_weights = compute_class_weights(labels, n_classes) if use_class_weights else None

    model = LightAttentionLite(embeddings.shape[-1], n_classes).to(device)
    loss_function = get_loss(protocol, "cross_entropy_loss", weight=class_weights)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(TensorDataset(embeddings, labels), batch_size=64, shuffle=True)

    for epoch in range(epochs):
        epoch_loss = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = loss_function(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f}")
    return model


if __name__ == "__main__":
    embeddings = torch.load("embeddings/prott5_per_residue.pt")
    labels = torch.load("embeddings/subcellular_location_labels.pt")
    training_routine(embeddings, labels)
