# source: https://github.com/liutinglt/CE2P/issues/25
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: loader-loop, batch-dict, helper
# bug-lines: 55
# needs: torch
# cpu: no written where torch was not installed; not run
"""Human parsing with an auxiliary edge branch (LIP-style): parsing + edge losses per batch."""
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class LIPParsingDataset(Dataset):
    def __init__(self, n=64, size=(128, 128), num_classes=20):
        self.n, self.size, self.num_classes = n, size, num_classes

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        image = torch.randn(3, *self.size)
        label = torch.randint(0, self.num_classes, self.size)
        edge = (torch.rand(self.size) > 0.9).long()
        meta = {"name": f"{idx:06d}", "center": (64, 64)}
        return image, label, edge, meta


class ParsingEdgeNet(nn.Module):
    def __init__(self, num_classes=20):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(),
                                     nn.Conv2d(64, 64, 3, padding=1), nn.ReLU())
        self.parsing = nn.Conv2d(64, num_classes, 1)
        self.edge = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        feat = self.encoder(x)
        return self.parsing(feat), self.edge(feat)


def criterion(preds, labels, edges):
    parsing, edge = preds
    weight = torch.tensor([1.0, 10.0], device=edge.device)
    return (nn.functional.cross_entropy(parsing, labels, ignore_index=255)
            + nn.functional.cross_entropy(edge, edges, weight=weight))


def train_one_epoch(model, loader, optimizer, epoch):
    model.train()
    for i_iter, batch in enumerate(loader):
        images, labels, edges, _ = batch
        labels = labels.long().cuda(non_blocking=True)
        edges = edges.long().cuda(non_blocking=True)
        preds = model(images)
        loss = criterion(preds, labels, edges)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i_iter % 10 == 0:
            print(f"epoch {epoch} iter {i_iter}: loss {loss.item():.4f}")


if __name__ == "__main__":
    model = ParsingEdgeNet().cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=7e-3, momentum=0.9, weight_decay=5e-4)
    loader = DataLoader(LIPParsingDataset(), batch_size=8, shuffle=True, num_workers=2, pin_memory=True)
    for epoch in range(2):
        train_one_epoch(model, loader, optimizer, epoch)
