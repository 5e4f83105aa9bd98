# source: https://github.com/jasonseu/cnn_graph.pytorch/issues/1
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: class, loader-loop, batch-dict, helper
# bug-lines: 28, 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class NewsDataset(Dataset):
    def __init__(self, split, root="data/20news"):
        self.docs = np.load(f"{root}/{split}_tfidf.npy").astype(np.float32)
        self.labels = np.load(f"{root}/{split}_labels.npy")

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.docs[idx], self.labels[idx]

    @staticmethod
    def collate_fn(batch):
        docs = torch.from_numpy(np.stack([b[0] for b in batch]))
        labels = torch.from_numpy(np.array([b[1] for b in batch], dtype=np.int32))
        return docs, labels


class ChebNet(nn.Module):
    # Chebyshev graph convolution over the word co-occurrence graph, then a linear classifier
    def __init__(self, laplacian, n_classes, filters=32, K=5):
        super().__init__()
        self.register_buffer("L", laplacian)
        self.K, self.cheb = K, nn.Linear(K, filters)
        self.fc = nn.Linear(laplacian.shape[0] * filters, n_classes)

    def forward(self, x):                      # x: (batch, n_words)
        xs = [x, x @ self.L]
        for _ in range(2, self.K):
            xs.append(2 * xs[-1] @ self.L - xs[-2])
        h = torch.relu(self.cheb(torch.stack(xs, dim=-1)))   # (batch, n_words, filters)
        return self.fc(h.flatten(1))


class Trainer:
    def __init__(self, laplacian, n_classes, batch_size=100):
        self.model = ChebNet(laplacian, n_classes).cuda()
        self.criterion = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.train_loader = DataLoader(NewsDataset("train"), batch_size=batch_size, shuffle=True,
                                       collate_fn=NewsDataset.collate_fn)
        self.val_loader = DataLoader(NewsDataset("test"), batch_size, collate_fn=NewsDataset.collate_fn)

    def train_epoch(self):
        self.model.train()
        for docs, labels in self.train_loader:
            logits = self.model(docs.cuda())
            loss = self.criterion(logits, labels.cuda())
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    @torch.no_grad()
    def validation(self):
        self.model.eval()
        correct = 0
        for docs, labels in self.val_loader:
            logits = self.model(docs.cuda())
            correct += (logits.argmax(1).cpu() == labels).sum().item()
        return correct / len(self.val_loader.dataset)


if __name__ == "__main__":
    trainer = Trainer(torch.from_numpy(np.load("data/20news/laplacian.npy")).float(), n_classes=20)
    for epoch in range(20):
        trainer.train_epoch()
        print(f"epoch {epoch} val acc {trainer.validation():.4f}")
