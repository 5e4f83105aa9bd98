# source: https://github.com/hytseng0509/CrossDomainFewShot/issues/30
# error: RuntimeError: Expected object of scalar type Float but got scalar type Double for argument #2 'mat1' in call to _th_addmm
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Linear probe on cached CLIP image embeddings (few-shot episodes drawn from the cache)."""
import numpy as np
import torch
import torch.nn as nn
from sklearn.decomposition import PCA
from torch.utils.data import DataLoader, TensorDataset


def load_cached_split(path, pca=None):
    blob = np.load(path)
    feats = blob["features"]
    feats = feats / np.linalg.norm(feats, axis=1, keepdims=True)
    if pca is not None:
        feats = pca.transform(feats)
    return feats, blob["labels"]


def to_tensors(feats, labels):
    x = torch.from_numpy(np.ascontiguousarray(feats, dtype=np.float32))
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def sample_episode(feats, labels, n_way=5, k_shot=5, n_query=15, rng=None):
    rng = rng or np.random.default_rng(0)
    classes = rng.choice(np.unique(labels), n_way, replace=False)
    support, query = [], []
    for c in classes:
        pick = rng.choice(np.where(labels == c)[0], k_shot + n_query, replace=False)
        support.append(pick[:k_shot])
        query.append(pick[k_shot:])
    support, query = np.concatenate(support), np.concatenate(query)
    remap = {c: i for i, c in enumerate(classes)}
    relabel = np.vectorize(remap.get)
    return (feats[support], relabel(labels[support])), (feats[query], relabel(labels[query]))


def train_probe(cache_path, dim=256, epochs=100):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    feats, labels = load_cached_split(cache_path)
    pca = PCA(n_components=dim).fit(feats)
    feats = pca.transform(feats)
    (sx, sy), (qx, qy) = sample_episode(feats, labels)
    x, y = to_tensors(sx, sy)
    loader = DataLoader(TensorDataset(x, y), batch_size=25, shuffle=True)
    probe = nn.Linear(dim, 5).to(device)
    opt = torch.optim.SGD(probe.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-3)
    for _ in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = nn.functional.cross_entropy(probe(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
    tx, ty = to_tensors(qx, qy)
    with torch.no_grad():
        preds = probe(tx.to(device)).argmax(-1).cpu()
    return (preds == ty).float().mean().item()


if __name__ == "__main__":
    print(f"5-way 5-shot accuracy: {train_probe('clip_vitb32_novel.npz'):.3f}")
