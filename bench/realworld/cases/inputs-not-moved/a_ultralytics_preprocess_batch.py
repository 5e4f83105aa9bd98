# source: https://github.com/ultralytics/ultralytics/pull/21981
# error: none (correct look-alike)
# pattern: inputs-not-moved
# shape: class, loader-loop, batch-dict
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ToyDetDataset(Dataset):
    def __len__(self):
        return 6

    def __getitem__(self, i):
        n = 1 + i % 3
        return {"img": torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8),
                "cls": torch.randint(0, 4, (n, 1)).float(),
                "bboxes": torch.rand(n, 4),
                "im_file": f"img_{i}.jpg"}

    @staticmethod
    def collate_fn(items):
        batch = {"img": torch.stack([it["img"] for it in items]),
                 "im_file": [it["im_file"] for it in items]}
        batch["cls"] = torch.cat([it["cls"] for it in items])
        batch["bboxes"] = torch.cat([it["bboxes"] for it in items])
        batch["batch_idx"] = torch.cat([torch.full((len(it["cls"]),), j) for j, it in enumerate(items)])
        return batch


class DetectionTrainer:
    def __init__(self, model, device):
        self.device = device
        self.model = model.to(device)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01)

    def preprocess_batch(self, batch):
        for k, v in batch.items():
            if isinstance(v, torch.Tensor):
                batch[k] = v.to(self.device, non_blocking=self.device.type == "cuda")
        batch["img"] = batch["img"].float() / 255
        return batch

    def criterion(self, preds, batch):
        per_image = preds[batch["batch_idx"].long()]
        box_loss = (per_image[:, :4].sigmoid() - batch["bboxes"]).abs().mean()
        cls_loss = nn.functional.cross_entropy(per_image[:, 4:], batch["cls"].squeeze(1).long())
        return box_loss + cls_loss

    def train_epoch(self, loader):
        for batch in loader:
            batch = self.preprocess_batch(batch)
            preds = self.model(batch["img"])
            loss = self.criterion(preds, batch)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    net = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 8))
    ds = ToyDetDataset()
    trainer = DetectionTrainer(net, device)
    print(trainer.train_epoch(DataLoader(ds, batch_size=2, collate_fn=ds.collate_fn)))
