# source: https://github.com/pytorch/pytorch/pull/100100
# error: RuntimeError: input must have the type torch.float32, got type torch.int64
# pattern: integer-input
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""python train.py  -- next-day rental forecast for every station."""
import torch
from torch.utils.data import DataLoader, random_split

from data import StationWindows, load_counts
from model import DemandLSTM


def to_device(batch, device):
    return {k: v.to(device, non_blocking=True) for k, v in batch.items()}


def main(csv_path="citibike_hourly.csv", epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    counts = load_counts(csv_path)
    ds = StationWindows(counts)
    n_val = len(ds) // 10
    train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])
    train_dl = DataLoader(train_ds, batch_size=256, shuffle=True, num_workers=4, pin_memory=True)
    val_dl = DataLoader(val_ds, batch_size=512, num_workers=4)

    model = DemandLSTM(n_stations=counts.shape[1]).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.PoissonNLLLoss(log_input=False)

    for epoch in range(epochs):
        model.train()
        for batch in train_dl:
            batch = to_device(batch, device)
            pred = model(batch["past"], batch["station"])
            loss = loss_fn(pred, batch["future"])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            val = sum(loss_fn(model(b["past"], b["station"]), b["future"]).item()
                      for b in map(lambda b: to_device(b, device), val_dl)) / len(val_dl)
        print(f"epoch {epoch}: val poisson nll {val:.4f}")


if __name__ == "__main__":
    main()
