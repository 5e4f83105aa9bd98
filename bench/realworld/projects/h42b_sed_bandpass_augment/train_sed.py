# source: https://github.com/iver56/torch-audiomentations/issues/137
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from augment import RandomBandPass
from model import CRNNSed

SAMPLE_RATE = 16000


class StrongLabelClips(Dataset):
    def __init__(self, n_clips=64, seconds=4, n_classes=10):
        self.n, self.len, self.n_classes = n_clips, seconds * SAMPLE_RATE, n_classes

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        wave = torch.randn(1, self.len) * 0.1
        frames = self.len // 320 + 1
        labels = (torch.rand(frames, self.n_classes) > 0.9).float()
        return {"audio": wave, "labels": labels}


def train_one_epoch(model, loader, augment, optimizer, device):
    model.train()
    bce = torch.nn.BCELoss()
    for batch in loader:
        audio = batch["audio"].to(device)
        labels = batch["labels"].to(device)
        audio = augment(audio)
        probs = model(audio)
        loss = bce(probs, labels[:, : probs.shape[1]])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CRNNSed().to(device)
    augment = RandomBandPass(SAMPLE_RATE, p=0.5).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loader = DataLoader(StrongLabelClips(), batch_size=8, shuffle=True, num_workers=2)
    for epoch in range(3):
        print(epoch, train_one_epoch(model, loader, augment, optimizer, device))


if __name__ == "__main__":
    main()
