# source: https://github.com/pytorch/pytorch/issues/1053
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# looks-like: module-in-plain-container
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class TextCNN(nn.Module):
    def __init__(self, vocab, dim, kernel_sizes=(3, 4, 5), n_filters=8, n_cls=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.convs1 = nn.ModuleList([nn.Conv1d(dim, n_filters, k) for k in kernel_sizes])
        self.fc1 = nn.Linear(len(kernel_sizes) * n_filters, n_cls)

    def forward(self, ids):
        x = self.embed(ids).transpose(1, 2)
        pooled = [F.relu(conv(x)).max(dim=2).values for conv in self.convs1]
        return self.fc1(torch.cat(pooled, dim=1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TextCNN(vocab=500, dim=16)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = TensorDataset(torch.randint(0, 500, (32, 20)), torch.randint(0, 2, (32,)))
    for ids, y in DataLoader(data, batch_size=8):
        loss = F.cross_entropy(model(ids.to(device)), y.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
