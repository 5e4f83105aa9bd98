# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/pull/180
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train the station forecaster on temperature, pressure and wind speed."""
import torch
from torch.utils.data import DataLoader

from data import StationWindows, load_adjacency
from model import MultiVarStationForecaster

VARIABLES = ("t2m", "msl", "ws10")


def to_device(d, device):
    return {k: v.to(device, non_blocking=True) for k, v in d.items()}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = StationWindows("data/stations_2019_2022.npz", VARIABLES)
    loader = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=4, drop_last=True)
    adj = load_adjacency("data/station_knn_adj.npy").to(device)

    model = MultiVarStationForecaster(VARIABLES, hidden=64, horizon=6).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

    for epoch in range(20):
        model.train()
        running = 0.0
        for inputs, targets in loader:
            inputs, targets = to_device(inputs, device), to_device(targets, device)
            preds = model(inputs, adj)
            loss = sum(torch.nn.functional.mse_loss(preds[v], targets[v]) for v in VARIABLES)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch:02d}  loss {running / len(loader):.4f}")


if __name__ == "__main__":
    main()
