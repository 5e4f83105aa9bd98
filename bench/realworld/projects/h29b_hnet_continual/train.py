# source: https://github.com/chrhenning/hypnettorch/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, loader-loop
# bug-lines: 25, 33
# needs: torch
# cpu: no written where torch was not installed; not run
"""Getting-started notebook turned script: two regression tasks, one hypernetwork."""
import torch
from torch.utils.data import DataLoader, TensorDataset

from hnets import HMLP, MainMLP

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def make_task(fn, n=256):
    x = torch.linspace(-3, 3, n).unsqueeze(1)
    return DataLoader(TensorDataset(x, fn(x)), batch_size=32, shuffle=True)


tasks = [make_task(torch.sin), make_task(lambda x: 0.1 * x ** 3)]

mnet = MainMLP(n_in=1, n_out=1).to(device)
hnet = HMLP(mnet.param_shapes, num_cond_embs=len(tasks), cond_dim=8, layers=(100, 100))
optimizer = torch.optim.Adam(hnet.parameters(), lr=1e-3)

for task_id, loader in enumerate(tasks):
    for epoch in range(20):
        for X, T in loader:
            X, T = X.to(device), T.to(device)
            W = hnet(cond_id=task_id)
            P = mnet(X, weights=W)
            loss = torch.nn.functional.mse_loss(P, T)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    print(f"task {task_id} final loss {loss.item():.4f}")

with torch.no_grad():
    X = torch.zeros(1, 1, device=device)
    for task_id in range(len(tasks)):
        print(task_id, mnet(X, weights=hnet(cond_id=task_id)).item())
