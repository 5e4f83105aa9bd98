# source: https://github.com/vmarinowski/infini-attention/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 34, 35, 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""Segment-recurrent attention encoder for long-form speaker diarization:
each window of frames attends locally and to a compressive memory that is
carried across the windows of one recording."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CompressiveMemoryAttention(nn.Module):
    def __init__(self, dim=256, n_heads=4, n_segments=8, seq_len=1024):
        super().__init__()
        assert seq_len % n_segments == 0
        self.n_heads, self.d_head = n_heads, dim // n_heads
        self.n_segments, self.seg_len = n_segments, seq_len // n_segments
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.gate = nn.Parameter(torch.zeros(1))

    def _split(self, t, b):
        t = t.view(b, self.n_segments, self.seg_len, self.n_heads, self.d_head)
        return t.permute(0, 3, 1, 2, 4)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q, k, v = (self._split(t, b) for t in (q, k, v))
        memory = torch.zeros(self.n_heads, self.d_head, self.d_head)
        norm = torch.zeros(self.n_heads, self.d_head, 1)
        outputs = []
        for s in range(self.n_segments):
            qs, ks, vs = q[:, :, s], k[:, :, s], v[:, :, s]
            sq, sk = F.elu(qs) + 1.0, F.elu(ks) + 1.0
            local = F.scaled_dot_product_attention(qs, ks, vs)
            mem_read = (sq @ memory) / (sq @ norm + 1e-6)
            g = torch.sigmoid(self.gate)
            outputs.append(g * mem_read + (1 - g) * local)
            memory = memory + sk.transpose(-2, -1) @ vs
            norm = norm + sk.sum(dim=-2, keepdim=True).transpose(-2, -1)
        h = torch.stack(outputs, dim=2).permute(0, 2, 3, 1, 4).reshape(b, n, d)
        return self.out(h)


class DiarizationHead(nn.Module):
    def __init__(self, n_mels=80, dim=256, max_speakers=4):
        super().__init__()
        self.inp = nn.Linear(n_mels, dim)
        self.encoder = CompressiveMemoryAttention(dim)
        self.cls = nn.Linear(dim, max_speakers)

    def forward(self, feats):
        return self.cls(self.encoder(self.inp(feats)))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = DiarizationHead().to(device)
    loader = [(torch.randn(2, 1024, 80), torch.randint(0, 2, (2, 1024, 4)).float())
              for _ in range(3)]
    for feats, target in loader:
        logits = model(feats.to(device))
        loss = F.binary_cross_entropy_with_logits(logits, target.to(device))
        print(loss.item())
