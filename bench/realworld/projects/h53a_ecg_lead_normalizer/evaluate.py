# source: https://github.com/speechbrain/speechbrain/pull/1841
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, batch-dict, loader-loop
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader, Dataset

from model import SUPERCLASSES, ECGNet


class PTBXLFold(Dataset):
    def __init__(self, npz_path):
        data = np.load(npz_path)  # signals: (N, 12, 1000) float32 @100 Hz, labels: (N, 5) multi-hot
        self.signals, self.labels = data["signals"], data["labels"].astype(np.float32)

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, i):
        return {"ecg": torch.from_numpy(self.signals[i]), "target": torch.from_numpy(self.labels[i])}


@torch.no_grad()
def evaluate(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ECGNet()
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model.norm.load_stats(args.norm_stats)
    model.to(device).eval()

    loader = DataLoader(PTBXLFold(args.test_fold), batch_size=256, num_workers=4)
    probs, targets = [], []
    for batch in loader:
        logits = model(batch["ecg"].to(device))
        probs.append(torch.sigmoid(logits).cpu())
        targets.append(batch["target"])
    probs, targets = torch.cat(probs).numpy(), torch.cat(targets).numpy()
    for i, name in enumerate(SUPERCLASSES):
        print(f"{name}: AUROC {roc_auc_score(targets[:, i], probs[:, i]):.3f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--weights", default="runs/ecgnet/best.pt")
    p.add_argument("--norm_stats", default="runs/ecgnet/lead_norm.pt")
    p.add_argument("--test_fold", default="data/ptbxl_fold10.npz")
    evaluate(p.parse_args())
