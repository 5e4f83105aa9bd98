# source: https://github.com/Lightning-AI/lightning-thunder/issues/962
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, helper, batch-dict
# looks-like: type-as-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
"""Speech-translation encoder front end: conv subsampling + masked mean pooling for a length predictor."""
import torch
import torch.nn as nn


def lengths_to_mask(lengths, max_len):
    # built from python ints on the host; callers cast it next to the features they mask
    steps = torch.arange(max_len)
    return steps[None, :] < torch.as_tensor(lengths)[:, None]


class ConvSubsampler(nn.Module):
    def __init__(self, n_mels=80, dim=512):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(n_mels, dim, 5, stride=2, padding=2), nn.GELU(),
            nn.Conv1d(dim, dim, 5, stride=2, padding=2), nn.GELU(),
        )

    def forward(self, fbank, frame_lengths):
        x = self.conv(fbank.transpose(1, 2)).transpose(1, 2)
        out_lengths = [((n - 1) // 2) // 2 + 1 for n in frame_lengths]
        return x, out_lengths


class LengthPredictor(nn.Module):
    def __init__(self, n_mels=80, dim=512, max_target_len=256):
        super().__init__()
        self.subsample = ConvSubsampler(n_mels, dim)
        self.proj = nn.Linear(dim, max_target_len)

    def forward(self, batch):
        x, lengths = self.subsample(batch["fbank"], batch["frame_lengths"])
        mask = lengths_to_mask(lengths, x.size(1)).type_as(x)
        pooled = (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
        return self.proj(pooled)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = LengthPredictor().to(device)
    frame_lengths = [812, 640, 977]
    fbank = torch.randn(3, max(frame_lengths), 80, device=device)
    batch = {"fbank": fbank, "frame_lengths": frame_lengths}
    target_lengths = torch.tensor([31, 22, 40], device=device)
    loss = nn.functional.cross_entropy(model(batch), target_lengths)
    loss.backward()
    print(loss.item())
