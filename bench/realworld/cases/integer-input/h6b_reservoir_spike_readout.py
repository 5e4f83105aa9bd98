# source: https://github.com/BindsNET/bindsnet/issues/201
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: loader-loop, batch-dict
# bug-lines: 46, 59
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Liquid-state reservoir on Poisson-encoded MNIST with a trained linear readout."""
import torch
import torch.nn as nn
from torchvision import datasets, transforms

TIME = 250
N_NEURONS = 500
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
torch.manual_seed(0)

w_in = (torch.rand(784, N_NEURONS, device=device) * 0.5)
w_rec = torch.randn(N_NEURONS, N_NEURONS, device=device) * 0.05
decay, thresh = 0.95, 1.0


def run_reservoir(rates):
    """Simulate LIF neurons for TIME steps; returns a (TIME, N) bool spike record."""
    v = torch.zeros(N_NEURONS, device=device)
    s = torch.zeros(N_NEURONS, dtype=torch.bool, device=device)
    record = []
    for _ in range(TIME):
        inp = (torch.rand_like(rates) < rates).float()
        v = decay * v + inp @ w_in + s.float() @ w_rec
        s = v >= thresh
        v = torch.where(s, torch.zeros_like(v), v)
        record.append(s)
    return torch.stack(record)


mnist = datasets.MNIST("./data", train=True, download=True,
                       transform=transforms.Compose([transforms.ToTensor(),
                                                     transforms.Lambda(lambda x: x.view(-1) * 0.25)]))

pairs = []
for i, (image, label) in enumerate(mnist):
    if i == 500:
        break
    spikes = run_reservoir(image.to(device))
    pairs.append({"counts": spikes.sum(0), "label": label})
    if (i + 1) % 50 == 0:
        print(f"Train progress: ({i + 1} / 500)")

readout = nn.Linear(N_NEURONS, 10).to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(readout.parameters(), lr=1e-4, momentum=0.9)

for epoch in range(100):
    total = 0.0
    for pair in pairs:
        optimizer.zero_grad()
        target = torch.tensor([pair["label"]], device=device)
        output = readout(pair["counts"].unsqueeze(0))
        loss = criterion(output, target)
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch}: loss {total / len(pairs):.4f}")
