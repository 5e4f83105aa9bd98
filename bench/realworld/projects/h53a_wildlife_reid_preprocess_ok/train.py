# source: https://github.com/mingyuliutw/UNIT/issues/75
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #3 'other'
# pattern: legacy-tensor-constructor
# shape: multi-file, batch-dict, loader-loop
# looks-like: legacy-tensor-constructor
# needs: torch, torchvision, pandas, pillow, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from trainer import ReIDTrainer
from utils import reid_collate


class ZebraCrops(Dataset):
    def __init__(self, csv_path, size=(256, 128)):
        self.df = pd.read_csv(csv_path)  # path, identity, camera
        self.size = size
        self.ids = {p: i for i, p in enumerate(sorted(self.df.identity.unique()))}
        self.cams = {c: i for i, c in enumerate(sorted(self.df.camera.unique()))}

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        img = Image.open(row.path).convert("RGB").resize(self.size[::-1])
        img = torch.from_numpy(np.asarray(img, dtype=np.float32)).permute(2, 0, 1)
        return {"img": img, "pid": self.ids[row.identity], "camera": self.cams[row.camera]}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ds = ZebraCrops("crops/train.csv")
    loader = DataLoader(ds, batch_size=64, shuffle=True, num_workers=6, collate_fn=reid_collate)
    trainer = ReIDTrainer(len(ds.ids), len(ds.cams)).to(device)
    for epoch in range(80):
        trainer.train()
        for batch in loader:
            batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
            id_loss, cam_loss = trainer.update(batch["img"], batch["pid"], batch["camera"])
        print(f"epoch {epoch}: id {id_loss:.3f} cam {cam_loss:.3f}")
        torch.save(trainer.state_dict(), f"zebra_reid_{epoch:03d}.pt")


if __name__ == "__main__":
    main()
