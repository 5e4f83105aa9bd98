# source: https://github.com/pytorch/pytorch/issues/99998
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: batch-dict, loader-loop
# looks-like: integer-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Next-second position forecast for football players from optical tracking.
The provider ships positions as int16 centimetres (25 Hz) plus a role id per
player; we predict the displacement over the next 25 frames."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class TrackWindows(Dataset):
    def __init__(self, npz_path, history=50, horizon=25):
        data = np.load(npz_path)
        self.xy_cm = data["xy_cm"]          # (n_tracks, n_frames, 2) int16
        self.roles = data["role_id"]        # (n_tracks,) int64
        self.history, self.horizon = history, horizon
        self.index = [(t, s) for t in range(self.xy_cm.shape[0])
                      for s in range(0, self.xy_cm.shape[1] - history - horizon, 10)]

    def __len__(self):
        return len(self.index)

    def __getitem__(self, i):
        track, start = self.index[i]
        seq = self.xy_cm[track, start:start + self.history + self.horizon]
        return {
            "past": torch.from_numpy(seq[:self.history].astype(np.int64)),
            "future": torch.from_numpy(seq[-1].astype(np.int64) - seq[self.history - 1]),
            "role": torch.tensor(self.roles[track], dtype=torch.long),
        }


class MotionLSTM(nn.Module):
    def __init__(self, n_roles=11, hidden=128):
        super().__init__()
        self.role_emb = nn.Embedding(n_roles, 16)
        self.lstm = nn.LSTM(input_size=2 + 16, hidden_size=hidden, num_layers=2, batch_first=True)
        self.out = nn.Linear(hidden, 2)

    def forward(self, past_m, role):
        steps = past_m.shape[1]
        role_feat = self.role_emb(role).unsqueeze(1).expand(-1, steps, -1)
        h, _ = self.lstm(torch.cat([past_m, role_feat], dim=2))
        return self.out(h[:, -1])


def train(npz_path, epochs=15):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(TrackWindows(npz_path), batch_size=256, shuffle=True)
    model = MotionLSTM().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for batch in loader:
            past_m = batch["past"].to(device).float() / 100.0
            target_m = batch["future"].to(device).float() / 100.0
            pred = model(past_m - past_m[:, -1:], batch["role"].to(device))
            loss = nn.functional.smooth_l1_loss(pred, target_m)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f} m")
