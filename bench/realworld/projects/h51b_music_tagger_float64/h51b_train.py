# source: https://github.com/earthspecies/avex/pull/147
# error: RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the waveform tagger on MTG-Jamendo top-50 tags."""
import csv

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from h51b_audio_dataset import MusicTagClips
from h51b_tagger import WaveTagger


def read_split(tsv_path, tag_vocab):
    items = []
    with open(tsv_path) as f:
        for row in csv.reader(f, delimiter="\t"):
            items.append((row[0], [tag_vocab[t] for t in row[1].split(",")]))
    return items


def main():
    tag_vocab = {t.strip(): i for i, t in enumerate(open("data/top50_tags.txt"))}
    train_set = MusicTagClips(read_split("data/train.tsv", tag_vocab), n_tags=len(tag_vocab))
    loader = DataLoader(train_set, batch_size=16, shuffle=True, num_workers=8, drop_last=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = WaveTagger(n_tags=len(tag_vocab)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(50):
        model.train()
        for step, batch in enumerate(loader):
            wav = batch["wav"].to(device)
            tags = batch["tags"].to(device)
            loss = criterion(model(wav), tags)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
