# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2468
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_nll_loss_forward)
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch, pillow
# cpu: no written where torch was not installed; not run
import os

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from charset import encode, letter_weights_per_position, read_labels
from model import WordReader


class WordCrops(Dataset):
    def __init__(self, root, label_file, height=64, width=256):
        self.root, self.items = root, read_labels(label_file)
        self.size = (width, height)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        path, word = self.items[idx]
        img = Image.open(os.path.join(self.root, path)).convert("L").resize(self.size)
        x = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).float() / 255.0
        return x.view(1, self.size[1], self.size[0]), encode(word)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_labels = "data/iam_words/train.tsv"
    weights = letter_weights_per_position(train_labels)
    model = WordReader(weights).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-2)
    loader = DataLoader(WordCrops("data/iam_words", train_labels), batch_size=48,
                        shuffle=True, num_workers=4)
    for epoch in range(40):
        model.train()
        for step, (images, targets) in enumerate(loader):
            batch = (images.to(device), targets.to(device))
            logs = model.step_loss(batch)
            optimizer.zero_grad()
            logs["loss"].backward()
            optimizer.step()
            if step % 100 == 0:
                print(epoch, step, {k: round(v.item(), 4) for k, v in logs.items() if k in ("loss", "loss0")})
        torch.save(model.state_dict(), f"checkpoints/word_reader_{epoch:02d}.pt")


if __name__ == "__main__":
    main()
