# source: https://github.com/generatebio/chroma/issues/46
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

BACKBONE = ("N", "CA", "C", "O")
RESIDUES = "ACDEFGHIKLMNPQRSTVWY"


class Protein:
    """Backbone coordinates (L, 4, 3) plus a chain map, living on one device."""

    def __init__(self, pdb_path, device="cpu"):
        coords, chains = self._parse(pdb_path)
        self.X = torch.tensor(coords, dtype=torch.float32, device=device)
        self.C = torch.tensor(chains, dtype=torch.long, device=device)

    @staticmethod
    def _parse(path):
        residues, chain_ids, current, key = [], [], {}, None
        with open(path) as fh:
            for line in fh:
                if not line.startswith("ATOM") or line[12:16].strip() not in BACKBONE:
                    continue
                res_key = (line[21], line[22:27])
                if key is not None and res_key != key and len(current) == 4:
                    residues.append([current[a] for a in BACKBONE])
                    chain_ids.append(ord(key[0]) - ord("A") + 1)
                    current = {}
                key = res_key
                current[line[12:16].strip()] = [float(line[30:38]), float(line[38:46]), float(line[46:54])]
        if len(current) == 4:
            residues.append([current[a] for a in BACKBONE])
            chain_ids.append(ord(key[0]) - ord("A") + 1)
        return residues, chain_ids


class SequenceDesigner(nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.encode = nn.Sequential(nn.Linear(12, hidden), nn.ReLU(), nn.Linear(hidden, hidden))
        self.chain_embed = nn.Embedding(27, hidden)
        self.decode = nn.Linear(hidden, len(RESIDUES))

    def forward(self, X, C):
        centered = X - X[:, 1:2].mean(dim=0, keepdim=True)
        h = self.encode(centered.flatten(1)) + self.chain_embed(C)
        return self.decode(torch.relu(h))

    @torch.no_grad()
    def design(self, protein):
        logits = self(protein.X, protein.C)
        return "".join(RESIDUES[i] for i in logits.argmax(-1).tolist())


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    designer = SequenceDesigner().to(device).eval()
    protein = Protein("1GFP.pdb", device=device)
    print(designer.design(protein))
