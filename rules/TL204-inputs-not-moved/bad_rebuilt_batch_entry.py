# The trainer rebuilds each batch with its tensors moved, but leaves one entry out:
# the speaker ids stay on the CPU and meet the model's embedding on the GPU.
import torch
from torch import nn
from torch.utils.data import DataLoader


def collate(samples):
    return {
        "tokens": torch.stack([s["tokens"] for s in samples]),
        "speaker": torch.tensor([s["speaker"] for s in samples]),
    }


class Voice(nn.Module):
    def __init__(self, vocab=64, speakers=8, dim=32):
        super().__init__()
        self.tokens = nn.Embedding(vocab, dim)
        self.speakers = nn.Embedding(speakers, dim)

    def forward(self, tokens, speaker):
        return self.tokens(tokens) + self.speakers(speaker)[:, None]


class Trainer:
    def __init__(self, model, data, device):
        self.device, self.model = device, model.to(device)
        self.loader = DataLoader(data, batch_size=4, collate_fn=collate)

    def to_device(self, batch):
        return {
            "tokens": batch["tokens"].to(self.device),
            "speaker": batch["speaker"],  # expect: TL204:24 lines=11,22,27
        }

    def epoch(self):
        for raw in self.loader:
            batch = self.to_device(raw)
            self.model(batch["tokens"], batch["speaker"]).sum().backward()


if __name__ == "__main__":
    data = [{"tokens": torch.randint(0, 64, (12,)), "speaker": 3}] * 8
    Trainer(Voice(), data, "cuda" if torch.cuda.is_available() else "cpu").epoch()
