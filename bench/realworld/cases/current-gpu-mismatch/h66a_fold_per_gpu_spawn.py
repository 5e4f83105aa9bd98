# source: https://github.com/fcjian/TOOD/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: current-gpu-mismatch
# shape: helper, loader-loop, batch-dict
# bug-lines: 48, 49
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.multiprocessing as mp
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

N_FOLDS = 4
EPOCHS = 20


def build_mlp(n_features):
    return nn.Sequential(
        nn.Linear(n_features, 512), nn.BatchNorm1d(512), nn.SiLU(), nn.Dropout(0.3),
        nn.Linear(512, 256), nn.BatchNorm1d(256), nn.SiLU(), nn.Dropout(0.3),
        nn.Linear(256, 1),
    )


def fold_loaders(fold):
    data = np.load("input/features_folds.npz")
    X, y, folds = data["X"].astype(np.float32), data["y"].astype(np.float32), data["fold"]
    tr, va = folds != fold, folds == fold
    train_ds = TensorDataset(torch.from_numpy(X[tr]), torch.from_numpy(y[tr]))
    valid_ds = TensorDataset(torch.from_numpy(X[va]), torch.from_numpy(y[va]))
    return (DataLoader(train_ds, batch_size=4096, shuffle=True, drop_last=True, pin_memory=True),
            DataLoader(valid_ds, batch_size=8192, pin_memory=True), X.shape[1])


def run_fold(rank, n_gpus):
    fold = rank
    device = torch.device(f"cuda:{rank % n_gpus}")
    train_loader, valid_loader, n_features = fold_loaders(fold)
    model = build_mlp(n_features).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-5)
    criterion = nn.MSELoss()

    best = float("inf")
    for epoch in range(EPOCHS):
        model.train()
        for xb, yb in train_loader:
            xb = xb.cuda(non_blocking=True)
            yb = yb.cuda(non_blocking=True)
            optimizer.zero_grad(set_to_none=True)
            loss = criterion(model(xb).squeeze(1), yb)
            loss.backward()
            optimizer.step()

        model.eval()
        errs = []
        with torch.no_grad():
            for xb, yb in valid_loader:
                xb, yb = xb.to(device), yb.to(device)
                errs.append(((model(xb).squeeze(1) - yb) ** 2).mean().item())
        rmse = float(np.sqrt(np.mean(errs)))
        if rmse < best:
            best = rmse
            torch.save(model.state_dict(), f"mlp_fold{fold}.pt")
    print(f"[gpu {rank}] fold {fold}: best valid rmse {best:.5f}")


if __name__ == "__main__":
    n_gpus = torch.cuda.device_count()
    mp.spawn(run_fold, args=(n_gpus,), nprocs=min(N_FOLDS, n_gpus), join=True)
