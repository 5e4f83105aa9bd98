# source: https://github.com/BenMSK/trajectory_prediction_TraPHic/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, loader-loop, batch-dict
# looks-like: discarded-tensor-move
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the trajectory predictor and report ADE/FDE on the validation split."""
import torch
from torch.utils.data import DataLoader

from data import HighwayTracks, batch_to_device
from model import SocialEncoderDecoder


def evaluate(model, loader, device):
    model.eval()
    ade = fde = n = 0.0
    with torch.no_grad():
        for batch in loader:
            batch = batch_to_device(batch, device)
            pred = model(batch["hist"], batch["nbrs"])
            err = (pred - batch["fut"]).norm(dim=-1)
            ade += err.mean(1).sum().item()
            fde += err[:, -1].sum().item()
            n += err.shape[0]
    return ade / n, fde / n


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    train_loader = DataLoader(HighwayTracks("ngsim_train.npz"), batch_size=128, shuffle=True)
    val_loader = DataLoader(HighwayTracks("ngsim_val.npz"), batch_size=256)
    model = SocialEncoderDecoder().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(30):
        model.train()
        for batch in train_loader:
            hist = batch["hist"].to(device)
            nbrs = batch["nbrs"].to(device)
            fut = batch["fut"]
            fut = fut.to(device)
            loss = (model(hist, nbrs) - fut).pow(2).sum(-1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        ade, fde = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: ADE {ade:.2f} m  FDE {fde:.2f} m")


if __name__ == "__main__":
    main()
