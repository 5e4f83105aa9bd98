# source: https://github.com/suprosanna/relationformer/issues/16
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, top-level
# bug-lines: 38
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from model import build_model
from trainer import RelationTrainer


class VisualGenomeRelations(Dataset):
    def __init__(self, n=64, num_queries=80, num_pairs=32):
        self.n, self.q, self.p = n, num_queries, num_pairs

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        return {
            "images": torch.rand(3, 128, 128),
            "labels": torch.randint(0, 151, (self.q,)),
            "boxes": torch.rand(self.q, 4),
            "rel_pairs": torch.randint(0, self.q, (self.p, 2)),
            "rel_labels": torch.randint(0, 51, (self.p,)),
        }


def main():
    cfg = {"num_obj_classes": 151, "num_rel_classes": 51, "d_model": 256,
           "lr": 1e-4, "batch_size": 8, "epochs": 2}
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(VisualGenomeRelations(), batch_size=cfg["batch_size"], shuffle=True)

    net = build_model(cfg)
    optimizer = torch.optim.AdamW(net.parameters(), lr=cfg["lr"], weight_decay=1e-4)
    trainer = RelationTrainer(net, optimizer, loader, device)
    trainer.run(cfg["epochs"])


if __name__ == "__main__":
    main()
