# source: https://github.com/pyg-team/pytorch_geometric/pull/9341
# error: RuntimeError: Found dtype Long but expected Float
# pattern: integer-input
# shape: multi-file, helper
# bug-lines: 31
# needs: torch, torch_geometric, rdkit
# cpu: no written where torch was not installed; not run
import torch
from rdkit import Chem
from torch_geometric.data import Data

ATOM_KEYS = ("atomic_num", "degree", "formal_charge", "num_hs", "aromatic", "in_ring")


def atom_features(atom):
    return [
        atom.GetAtomicNum(),
        atom.GetDegree(),
        atom.GetFormalCharge(),
        atom.GetTotalNumHs(),
        int(atom.GetIsAromatic()),
        int(atom.IsInRing()),
    ]


def smiles_to_graph(smiles, label):
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return None
    feats = [atom_features(a) for a in mol.GetAtoms()]
    x = torch.tensor(feats, dtype=torch.long)
    rows, cols = [], []
    for bond in mol.GetBonds():
        i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
        rows += [i, j]
        cols += [j, i]
    edge_index = torch.tensor([rows, cols], dtype=torch.long)
    y = torch.tensor([label], dtype=torch.float)
    return Data(x=x, edge_index=edge_index, y=y)


def load_csv(path):
    graphs = []
    with open(path) as fh:
        next(fh)
        for line in fh:
            smi, lab = line.strip().split(",")
            g = smiles_to_graph(smi, float(lab))
            if g is not None:
                graphs.append(g)
    return graphs
