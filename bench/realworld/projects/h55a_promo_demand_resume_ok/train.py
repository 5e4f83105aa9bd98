# source: https://github.com/pytorch/pytorch/issues/1515
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: clean
import os

import torch
from torch.utils.data import DataLoader

from model import build_model
from promo_data import PromoWindows

CFG = dict(n_items=4100, horizon=14, lr=2e-3, epochs=25, batch_size=256,
           data="data/favorita_daily.parquet", ckpt="runs/promo_gru/last.pt")


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model(CFG, device)
    optimizer = torch.optim.Adam(model.parameters(), lr=CFG["lr"])
    start = 0
    if os.path.exists(CFG["ckpt"]):
        ckpt = torch.load(CFG["ckpt"], map_location="cpu")
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        start = ckpt["epoch"] + 1
    model = model.to(device)

    loader = DataLoader(PromoWindows(CFG["data"], horizon=CFG["horizon"]),
                        batch_size=CFG["batch_size"], shuffle=True, num_workers=4)
    for epoch in range(start, CFG["epochs"]):
        model.train()
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            pred = model(batch["sales"], batch["past_cov"], batch["future_cov"], batch["item_id"])
            loss = torch.nn.functional.poisson_nll_loss(pred, batch["target"], log_input=False)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch},
                   CFG["ckpt"])
        print(f"epoch {epoch}: last batch poisson nll {loss.item():.4f}")


if __name__ == "__main__":
    main()
