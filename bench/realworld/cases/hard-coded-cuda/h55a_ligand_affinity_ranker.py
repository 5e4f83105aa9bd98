# source: https://github.com/Oloren-AI/olorenchemengine/issues/47
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 55, 56
# needs: torch, numpy, rdkit
# cpu: raises "AssertionError: Torch not compiled with CUDA enabled"
"""Rank a ligand library against one target with a fingerprint MLP trained on docking scores."""
import numpy as np
import torch
import torch.nn as nn
from rdkit import Chem
from rdkit.Chem import rdFingerprintGenerator

_MORGAN = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048)


def morgan_bits(smiles_list):
    fps, keep = [], []
    for i, smi in enumerate(smiles_list):
        mol = Chem.MolFromSmiles(smi)
        if mol is None:
            continue
        fps.append(_MORGAN.GetFingerprintAsNumPy(mol).astype(np.float32))
        keep.append(i)
    return np.stack(fps), keep


class FingerprintMLP(nn.Module):
    def __init__(self, n_bits=2048, hidden=512):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_bits, hidden), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(hidden, hidden // 2), nn.ReLU(),
            nn.Linear(hidden // 2, 1),
        )

    def forward(self, fp):
        return self.net(fp).squeeze(-1)


class AffinityRanker:
    """Wraps a trained FingerprintMLP; predicts Vina-like scores (lower = better)."""

    def __init__(self, weights_path, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = FingerprintMLP()
        state = torch.load(weights_path, map_location=self.device)
        self.model.load_state_dict(state)
        self.model.to(self.device).eval()

    @torch.no_grad()
    def predict(self, smiles_list, batch_size=1024):
        bits, keep = morgan_bits(smiles_list)
        scores = torch.empty(len(bits)).cuda()
        bits_t = torch.from_numpy(bits).cuda()
        for start in range(0, len(bits), batch_size):
            chunk = bits_t[start:start + batch_size].to(self.device)
            scores[start:start + batch_size] = self.model(chunk)
        return keep, scores.cpu().numpy()

    def top_k(self, smiles_list, k=100):
        keep, scores = self.predict(smiles_list)
        order = np.argsort(scores)[:k]
        return [(smiles_list[keep[i]], float(scores[i])) for i in order]


if __name__ == "__main__":
    with open("library/enamine_subset.smi") as fh:
        library = [line.split()[0] for line in fh if line.strip()]
    ranker = AffinityRanker("weights/mpro_fp_mlp.pt")
    for smi, score in ranker.top_k(library, k=25):
        print(f"{score:8.3f}  {smi}")
