# source: https://github.com/BloodAxe/xView3-The-First-Place-Solution/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset

from ensemble import build_ensemble, predict_ensemble

CFG = {"in_channels": 2, "num_classes": 3, "width": 32, "batch_size": 64}
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class ChipDataset(Dataset):
    def __init__(self, chip_file):
        data = np.load(chip_file)
        self.chips = data["chips"].astype(np.float32)
        self.detect_ids = data["detect_ids"]

    def __len__(self):
        return len(self.chips)

    def __getitem__(self, idx):
        return torch.from_numpy(self.chips[idx]), idx


def main():
    dataset = ChipDataset("input/xview3-test-chips/test_chips.npz")
    loader = DataLoader(dataset, batch_size=CFG["batch_size"], shuffle=False, num_workers=2)
    models = build_ensemble("input/xview3-fold-weights", CFG, DEVICE)
    print(f"loaded {len(models)} fold models on {DEVICE}")

    rows = []
    for chips, idx in loader:
        probs = predict_ensemble(models, chips.to(DEVICE)).cpu().numpy()
        for i, p in zip(idx.tolist(), probs):
            rows.append({
                "detect_id": dataset.detect_ids[i],
                "is_vessel": float(p[1] + p[2]),
                "is_fishing": float(p[2]),
            })
    pd.DataFrame(rows).to_csv("submission.csv", index=False)


if __name__ == "__main__":
    main()
