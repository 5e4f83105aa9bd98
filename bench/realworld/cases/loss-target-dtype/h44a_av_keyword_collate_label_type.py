# source: https://github.com/huggingface/sentence-transformers/issues/418
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 33, 36, 61
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Audio-visual keyword spotting: log-mel audio + lip ROI video -> keyword id."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class AVKeywordDataset(Dataset):
    def __init__(self, manifest_csv):
        df = pd.read_csv(manifest_csv)  # columns: feat_path, keyword_id
        self.paths = df["feat_path"].tolist()
        self.keyword_ids = df["keyword_id"].values

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        feats = np.load(self.paths[idx])
        return {"audio": feats["mel"], "video": feats["lips"], "label": self.keyword_ids[idx]}


def collate_av(batch):
    labels = [item["label"] for item in batch]
    label_type = torch.long if isinstance(labels[0], int) else torch.float
    audio = torch.stack([torch.as_tensor(item["audio"], dtype=torch.float32) for item in batch])
    video = torch.stack([torch.as_tensor(item["video"], dtype=torch.float32) for item in batch])
    return {"audio": audio, "video": video.unsqueeze(1), "label": torch.tensor(labels, dtype=label_type)}


class AVFusionNet(nn.Module):
    def __init__(self, n_mels=80, num_keywords=30):
        super().__init__()
        self.audio_enc = nn.GRU(n_mels, 128, batch_first=True)
        self.video_enc = nn.Sequential(nn.Conv3d(1, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool3d(1))
        self.head = nn.Linear(128 + 32, num_keywords)

    def forward(self, audio, video):
        _, h = self.audio_enc(audio)
        v = self.video_enc(video).flatten(1)
        return self.head(torch.cat([h[-1], v], dim=1))


def train(manifest="data/av_kws_train.csv", epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(AVKeywordDataset(manifest), batch_size=16, shuffle=True, collate_fn=collate_av)
    model = AVFusionNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch["audio"], batch["video"])
            loss = F.cross_entropy(logits, batch["label"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")


if __name__ == "__main__":
    train()
