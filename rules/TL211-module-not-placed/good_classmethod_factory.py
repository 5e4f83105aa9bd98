# The tagger built by its own classmethod is moved where the script takes it, with
# the batches: its encoder runs on the GPU.
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, vocab=5000, dim=128, tags=9):
        super().__init__()
        self.encoder = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, tags)

    @classmethod
    def from_dir(cls, path):
        tagger = cls()
        state = torch.load(f"{path}/tagger.pt", map_location="cpu", weights_only=True)
        tagger.load_state_dict(state)
        return tagger.eval()

    def forward(self, ids):
        return self.head(self.encoder(ids))


@torch.no_grad()
def embed_all(model, batches, device):
    return [model.encoder(ids.to(device)).mean(1) for ids in batches]


if __name__ == "__main__":
    device = torch.device("cuda")
    tagger = Tagger.from_dir("checkpoints/tagger").to(device)
    batches = [torch.randint(0, 5000, (8, 32)) for _ in range(4)]
    print(len(embed_all(tagger, batches, device)))
