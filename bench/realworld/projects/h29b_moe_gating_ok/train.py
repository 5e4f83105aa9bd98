# source: https://github.com/davidmrau/mixture-of-experts/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the MoE on a toy 10-class problem; the whole module is placed once."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from moe import MoE

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.randn(2048, 32)
y = (X[:, :10].argmax(dim=1))
loader = DataLoader(TensorDataset(X, y), batch_size=128, shuffle=True)

model = MoE(input_size=32, output_size=10, num_experts=8, hidden_size=64, k=2)
model = model.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()

for epoch in range(5):
    model.train()
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        logits, aux_loss = model(xb)
        loss = criterion(logits, yb) + 1e-2 * aux_loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")

model.eval()
with torch.no_grad():
    logits, _ = model(X[:8].to(device))
    print(logits.argmax(1).cpu().tolist())
