# source: https://github.com/GestaltCogTeam/BasicTS/issues/202
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from model import SeriesMAE


class PretrainRunner:
    def __init__(self, cfg):
        self.device = torch.device(cfg["device"])
        self.model = SeriesMAE(cfg["patch_len"], cfg["d_model"], cfg["mask_ratio"])
        self.model.to(self.device)
        self.optim = torch.optim.Adam(self.model.parameters(), lr=cfg["lr"])

    def train_iters(self, batch):
        history = batch["history"].to(self.device)
        recon, target, keep = self.model(history)
        hidden = (1.0 - keep)[None, :, :, None]
        loss = (((recon - target) ** 2) * hidden).mean()
        self.optim.zero_grad()
        loss.backward()
        self.optim.step()
        return loss.item()


if __name__ == "__main__":
    cfg = {"device": "cuda" if torch.cuda.is_available() else "cpu",
           "patch_len": 12, "d_model": 64, "mask_ratio": 0.25, "lr": 1e-3}
    runner = PretrainRunner(cfg)
    for _ in range(3):
        print(runner.train_iters({"history": torch.randn(8, 20, 96)}))
