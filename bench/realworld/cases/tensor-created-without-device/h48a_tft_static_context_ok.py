# source: https://github.com/sktime/pytorch-forecasting/pull/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, batch-dict, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ZoneWindows(Dataset):
    """Encoder/decoder windows of hourly pickups per zone; zone ids are optional statics."""

    def __init__(self, pickups, weather, enc_len=48, dec_len=12, with_statics=False):
        self.pickups, self.weather = pickups, weather
        self.enc_len, self.dec_len, self.with_statics = enc_len, dec_len, with_statics
        self.starts = range(0, pickups.size(1) - enc_len - dec_len)

    def __len__(self):
        return self.pickups.size(0) * len(self.starts)

    def __getitem__(self, i):
        zone, t = divmod(i, len(self.starts))
        sl = slice(t, t + self.enc_len + self.dec_len)
        x_cont = torch.stack([self.pickups[zone, sl], self.weather[sl]], dim=-1)
        item = {"x_cont": x_cont, "target": self.pickups[zone, sl][self.enc_len:]}
        if self.with_statics:
            item["zone_id"] = torch.tensor(zone)
        return item


class SmallTFT(nn.Module):
    def __init__(self, n_zones, hidden=32, enc_len=48, dec_len=12):
        super().__init__()
        self.hidden, self.enc_len, self.dec_len = hidden, enc_len, dec_len
        self.zone_emb = nn.Embedding(n_zones, hidden)
        self.input_proj = nn.Linear(2, hidden)
        self.static_ctx = nn.Linear(hidden, hidden)
        self.lstm = nn.LSTM(hidden, hidden, batch_first=True)
        self.attn = nn.MultiheadAttention(hidden, 4, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):
        x_cont = x["x_cont"]
        if "zone_id" in x:
            static_embedding = self.zone_emb(x["zone_id"])
        else:
            static_embedding = torch.zeros((x_cont.size(0), self.hidden), dtype=x_cont.dtype,
                                           device=x_cont.device)
        h = self.input_proj(x_cont) + self.static_ctx(static_embedding).unsqueeze(1)
        h, _ = self.lstm(h)
        dec = h[:, self.enc_len:]
        att, _ = self.attn(dec, h[:, :self.enc_len], h[:, :self.enc_len])
        return self.out(att + dec).squeeze(-1)


def fit(model, loader, device, epochs=5):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            target = batch.pop("target")
            loss = nn.functional.l1_loss(model(batch), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} MAE {loss.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    pickups = torch.rand(40, 24 * 60)  # 40 zones, 60 days, scaled counts
    weather = torch.rand(24 * 60)
    loader = DataLoader(ZoneWindows(pickups, weather), batch_size=256, shuffle=True)
    model = SmallTFT(n_zones=40).to(device)
    fit(model, loader, device)
