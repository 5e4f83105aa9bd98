# source: https://github.com/megvii-research/video_analyst/issues/85
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, batch-dict, loader-loop
# bug-lines: 54, 57
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

import optim_builder
from model import SiamTracker


class PairDataset(Dataset):
    def __len__(self):
        return 256

    def __getitem__(self, idx):
        return {"template": torch.rand(3, 127, 127), "search": torch.rand(3, 255, 255),
                "label": (torch.rand(1, 65, 65) > 0.9).float()}


class RegularTrainer:
    def __init__(self, model, optimizer, dataloader):
        self.model, self.optimizer, self.dataloader = model, optimizer, dataloader
        self.device = torch.device("cpu")

    def set_device(self, dev):
        self.device = torch.device(dev)
        self.model.set_device(dev)

    def train_epoch(self, epoch):
        self.model.train()
        for it, batch in enumerate(self.dataloader):
            batch = {k: v.to(self.device) for k, v in batch.items()}
            score = self.model(batch["template"], batch["search"])
            loss = F.binary_cross_entropy_with_logits(score, batch["label"])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if it % 10 == 0:
                print(f"epoch {epoch} iter {it} loss {loss.item():.4f}")

    def save_snapshot(self, path, epoch):
        torch.save({"epoch": epoch, "model_state_dict": self.model.state_dict(),
                    "optimizer_state_dict": self.optimizer.state_dict()}, path)


if __name__ == "__main__":
    cfg = {"lr": 0.08, "momentum": 0.9, "weight_decay": 1e-4, "resume": "snapshots/epoch-9.pkl"}
    model = SiamTracker()
    optimizer = optim_builder.build(cfg, model)
    loader = DataLoader(PairDataset(), batch_size=16, shuffle=True, num_workers=2)
    trainer = RegularTrainer(model, optimizer, loader)
    trainer.set_device("cuda:0" if torch.cuda.is_available() else "cpu")
    for epoch in range(10, 20):
        trainer.train_epoch(epoch)
        trainer.save_snapshot(f"snapshots/epoch-{epoch}.pkl", epoch)
