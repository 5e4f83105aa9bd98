# source: https://github.com/john-hewitt/structural-probes/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Dependency-distance probing data: padded word embeddings + gold parse-distance matrices."""
import torch
from torch.utils.data import DataLoader, Dataset


class ProbeDataset(Dataset):
    def __init__(self, sentences, dim=64):
        self.sentences = sentences
        self.dim = dim

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, i):
        words = self.sentences[i]
        n = len(words)
        emb = torch.randn(n, self.dim)
        idx = torch.arange(n)
        dist = (idx[:, None] - idx[None, :]).abs().float()
        return emb, dist, n, words


def make_collate(device):
    def collate(batch):
        maxlen = max(n for _, _, n, _ in batch)
        embs = torch.zeros(len(batch), maxlen, batch[0][0].shape[1])
        labels = torch.full((len(batch), maxlen, maxlen), -1.0)
        for i, (emb, dist, n, _) in enumerate(batch):
            embs[i, :n] = emb
            labels[i, :n, :n] = dist
        lengths = torch.tensor([n for _, _, n, _ in batch])
        observations = [words for _, _, _, words in batch]
        return {"embeddings": embs.to(device), "labels": labels.to(device),
                "lengths": lengths, "observations": observations}
    return collate


def get_loader(sentences, device, batch_size=4):
    return DataLoader(ProbeDataset(sentences), batch_size=batch_size,
                      collate_fn=make_collate(device))
