# source: https://github.com/pyg-team/pytorch_geometric/issues/1537
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, batch-dict
# bug-lines: 24
# needs: torch, pandas, rdkit
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
from rdkit import Chem
from torch.utils.data import Dataset

TASKS = ["NR-AR", "NR-AhR", "SR-ARE", "SR-MMP", "SR-p53"]


def atom_features(atom):
    return [atom.GetAtomicNum(), atom.GetDegree(), atom.GetFormalCharge() + 2,
            int(atom.GetHybridization()), int(atom.GetIsAromatic()),
            atom.GetTotalNumHs(), int(atom.IsInRing())]


def smiles_to_graph(smiles):
    mol = Chem.MolFromSmiles(smiles)
    x = torch.tensor([atom_features(a) for a in mol.GetAtoms()], dtype=torch.long)
    n = x.shape[0]
    adj = torch.eye(n)
    for bond in mol.GetBonds():
        i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
        adj[i, j] = adj[j, i] = 1.0
    deg = adj.sum(1).rsqrt()
    return x, deg[:, None] * adj * deg[None, :]


class Tox21Graphs(Dataset):
    def __init__(self, csv_path):
        df = pd.read_csv(csv_path).dropna(subset=TASKS)
        df = df[df["smiles"].map(lambda s: Chem.MolFromSmiles(s) is not None)]
        self.smiles = df["smiles"].tolist()
        self.labels = torch.tensor(df[TASKS].values, dtype=torch.float32)

    def __len__(self):
        return len(self.smiles)

    def __getitem__(self, i):
        x, adj = smiles_to_graph(self.smiles[i])
        return {"x": x, "adj": adj, "y": self.labels[i]}


def collate_graphs(items):
    n_max = max(it["x"].shape[0] for it in items)
    B, F = len(items), items[0]["x"].shape[1]
    x = torch.zeros(B, n_max, F, dtype=items[0]["x"].dtype)
    adj = torch.zeros(B, n_max, n_max)
    mask = torch.zeros(B, n_max)
    for b, it in enumerate(items):
        n = it["x"].shape[0]
        x[b, :n], adj[b, :n, :n], mask[b, :n] = it["x"], it["adj"], 1.0
    return {"x": x, "adj": adj, "mask": mask, "y": torch.stack([it["y"] for it in items])}
