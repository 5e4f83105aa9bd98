# source: https://github.com/epfml/sent2vec/issues/36
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, loader-loop, batch-dict
# bug-lines: 21, 39, 60
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def load_word_vectors(path, limit=200000):
    vectors = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            word, *vals = line.rstrip().split(" ")
            vectors[word] = np.array([float(v) for v in vals])
    return vectors


def embed_sentence(text, vectors, dim):
    hits = [vectors[w] for w in text.lower().split() if w in vectors]
    return np.mean(hits, axis=0) if hits else np.zeros(dim)


class IntentDataset(Dataset):
    def __init__(self, texts, labels, vectors, dim=300):
        self.features = np.stack([embed_sentence(t, vectors, dim) for t in texts])
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return {"x": torch.from_numpy(self.features[idx]), "y": torch.tensor(self.labels[idx])}


class IntentHead(nn.Module):
    def __init__(self, dim, n_intents):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, 256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, n_intents))

    def forward(self, x):
        return self.net(x)


def fit(texts, labels, vec_path, n_intents, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ds = IntentDataset(texts, labels, load_word_vectors(vec_path))
    loader = DataLoader(ds, batch_size=32, shuffle=True)
    model = IntentHead(300, n_intents).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(epochs):
        for batch in loader:
            logits = model(batch["x"].to(device))
            loss = loss_fn(logits, batch["y"].to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
