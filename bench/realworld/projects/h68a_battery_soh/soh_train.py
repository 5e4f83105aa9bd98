# source: https://github.com/Tianyou-Bai/NASA_Li-ion_Battery_SOH_Prediction_with_MVIP-Trans/issues/2
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 30
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from battery_data import SOHWindowDataset, load_discharge_cycles
from mvip_model import PatchSOHTransformer


def experiment(battery_csv, epochs=100, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cycles, soh = load_discharge_cycles(battery_csv)
    split = int(len(cycles) * 0.7)
    train_set = SOHWindowDataset(cycles[:split], soh[:split])
    loader = DataLoader(train_set, batch_size=16, shuffle=True)

    model = PatchSOHTransformer().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    for epoch in range(epochs):
        model.train()
        for batch in loader:
            inputs, target = batch["image"].to(device), batch["soh"].to(device)
            y_pred = model(inputs)
            loss = criterion(y_pred, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if epoch % 10 == 0:
            print(f"epoch {epoch}: mse {loss.item():.6f}")
    return model


if __name__ == "__main__":
    experiment("data/B0005_discharge.csv")
