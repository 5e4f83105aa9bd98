# The factory-made collate function gives CPU tensors, and both are moved before use.
import torch
from torch import nn
from torch.utils.data import DataLoader


def padded_batches(pad_id):
    def collate(samples):
        longest = max(len(ids) for ids, _ in samples)
        ids = [list(ids) + [pad_id] * (longest - len(ids)) for ids, _ in samples]
        return torch.tensor(ids), torch.tensor([label for _, label in samples])

    return collate


class BagOfWords(nn.Module):
    def __init__(self, vocab, dim, classes):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.out = nn.Linear(dim, classes)

    def forward(self, ids):
        return self.out(self.emb(ids))


def fit(samples, vocab, device):
    model = BagOfWords(vocab, 32, 3).to(device)
    optimizer = torch.optim.Adam(model.parameters())
    for ids, labels in DataLoader(samples, batch_size=8, collate_fn=padded_batches(0)):
        loss = nn.functional.cross_entropy(model(ids.to(device)), labels.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    fit([([1, 2, 3], 0), ([4, 5], 2)], vocab=10, device=torch.device("cuda"))
