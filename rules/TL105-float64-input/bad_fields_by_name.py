# The dataset builds each sentence's dependency graph with np.zeros (float64) and
# the loop gathers the batch's fields by a list of names: the graph reaches the
# graph convolution's bmm as float64 against float32 features.
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

FIELDS = ["tokens", "graph"]


class ParsedSentences(Dataset):
    def __init__(self, sentences, heads, length=40):
        self.sentences, self.heads, self.length = sentences, heads, length

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, i):
        graph = np.zeros((self.length, self.length))
        for child, head in enumerate(self.heads[i]):
            graph[child, head] = graph[head, child] = 1
        return {"tokens": torch.tensor(self.sentences[i]), "graph": torch.from_numpy(graph)}  # expect: TL105:69 lines=35


class GraphEncoder(nn.Module):
    def __init__(self, vocab=3000, dim=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, inputs):
        tokens, graph = inputs
        hidden = self.embed(tokens)
        return torch.relu(self.proj(torch.bmm(graph, hidden)))


def train(model, loader, device):
    for batch in loader:
        inputs = [batch[name].to(device) for name in FIELDS]
        model(inputs).mean().backward()


if __name__ == "__main__":
    data = ParsedSentences([[1] * 40] * 8, [[0] * 40] * 8)
    train(GraphEncoder().cuda(), DataLoader(data, batch_size=4), torch.device("cuda"))
