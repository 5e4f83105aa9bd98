# source: https://github.com/nyu-mll/jiant/pull/776
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Frame-level transformer for action recognition on variable-length clips (padded per batch)."""
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

USE_CUDA = torch.cuda.is_available()


class FrameTransformer(nn.Module):
    def __init__(self, feat_dim=512, n_actions=20, d_model=256):
        super().__init__()
        self.proj = nn.Linear(feat_dim, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.cls = nn.Linear(d_model, n_actions)

    def forward(self, frames, lengths):
        b, t, _ = frames.shape
        valid = torch.ones(b, t, dtype=torch.bool, device=frames.device)
        steps = torch.arange(t, device=frames.device).unsqueeze(0)
        valid = valid & (steps < lengths.to(frames.device).unsqueeze(1))
        h = self.encoder(self.proj(frames), src_key_padding_mask=~valid)
        h = (h * valid.unsqueeze(-1)).sum(1) / valid.sum(1, keepdim=True)
        return self.cls(h)


def collate_clips(clips):
    feats = [c["feats"] for c in clips]
    lengths = torch.tensor([f.shape[0] for f in feats])
    labels = torch.tensor([c["label"] for c in clips])
    return pad_sequence(feats, batch_first=True), lengths, labels


def fake_clips(n=64):
    return [{"feats": torch.randn(int(torch.randint(8, 33, (1,))), 512), "label": i % 20} for i in range(n)]


if __name__ == "__main__":
    model = FrameTransformer()
    if USE_CUDA:
        model = model.cuda()
    loader = torch.utils.data.DataLoader(fake_clips(), batch_size=16, collate_fn=collate_clips)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for frames, lengths, labels in loader:
        if USE_CUDA:
            frames, labels = frames.cuda(), labels.cuda()
        loss = nn.functional.cross_entropy(model(frames, lengths), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("loss", loss.item())
