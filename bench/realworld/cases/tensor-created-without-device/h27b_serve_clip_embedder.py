# source: https://github.com/pytorch/serve/issues/1671
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# looks-like: tensor-created-without-device
# shape: class, batch-dict
# needs: torch
# cpu: clean
"""Batch inference worker: embeds each video clip frame by frame and fills a per-request output buffer."""
import torch
import torch.nn as nn


class FrameEncoder(nn.Module):
    def __init__(self, dim=128):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 32, 5, stride=2, padding=2), nn.ReLU(),
                                 nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
                                 nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, dim))

    def forward(self, frames):
        return self.net(frames)


class ClipEmbedder(nn.Module):
    """Returns a (batch, num_frames * dim) embedding built column block by column block."""

    def __init__(self, dim=128):
        super().__init__()
        self.encoder = FrameEncoder(dim)

    def forward(self, clips):
        batch_size, num_frames = clips.shape[:2]
        out = torch.empty(size=(batch_size, 0), device=clips.device, dtype=clips.dtype)
        for t in range(num_frames):
            out = torch.cat([out, self.encoder(clips[:, t])], dim=1)
        return out


class EmbeddingWorker:
    def __init__(self, device):
        self.device = device
        self.model = ClipEmbedder().to(device).eval()

    @torch.no_grad()
    def run(self, requests):
        clips = torch.stack([r["clip"] for r in requests]).to(self.device)
        emb = self.model(clips)
        return [{"id": r["id"], "embedding": e.cpu().tolist()} for r, e in zip(requests, emb)]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    worker = EmbeddingWorker(device)
    reqs = [{"id": f"req-{i}", "clip": torch.rand(8, 3, 112, 112)} for i in range(4)]
    results = worker.run(reqs)
    print(len(results), "embeddings of size", len(results[0]["embedding"]))
