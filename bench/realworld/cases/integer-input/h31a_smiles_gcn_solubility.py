# source: https://github.com/pyg-team/pytorch_geometric/issues/5949
# error: RuntimeError: Found dtype Long but expected Float
# pattern: integer-input
# shape: helper, loader-loop, batch-dict
# bug-lines: 36, 70
# needs: torch, torch_geometric, rdkit, pandas
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn.functional as F
from rdkit import Chem
from torch_geometric.data import Data
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GCNConv, global_mean_pool

ATOM_FEATURES = 9


def atom_row(atom):
    return [
        atom.GetAtomicNum(),
        int(atom.GetChiralTag()),
        atom.GetTotalDegree(),
        atom.GetFormalCharge(),
        atom.GetTotalNumHs(),
        atom.GetNumRadicalElectrons(),
        int(atom.GetHybridization()),
        int(atom.GetIsAromatic()),
        int(atom.IsInRing()),
    ]


def smiles_to_graph(smiles, target):
    mol = Chem.MolFromSmiles(smiles)
    rows = [atom_row(a) for a in mol.GetAtoms()]
    x = torch.tensor(rows, dtype=torch.long).view(-1, ATOM_FEATURES)
    pairs = []
    for bond in mol.GetBonds():
        i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
        pairs += [[i, j], [j, i]]
    edge_index = torch.tensor(pairs, dtype=torch.long).t().contiguous()
    return Data(x=x, edge_index=edge_index, y=torch.tensor([target], dtype=torch.float))


class SolubilityGCN(torch.nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.conv1 = GCNConv(ATOM_FEATURES, hidden)
        self.conv2 = GCNConv(hidden, hidden)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x, edge_index, batch):
        h = F.relu(self.conv1(x, edge_index))
        h = F.relu(self.conv2(h, edge_index))
        return self.head(global_mean_pool(h, batch)).squeeze(-1)


def main(csv_path="data/esol.csv", epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    frame = pd.read_csv(csv_path)
    graphs = [smiles_to_graph(s, y) for s, y in zip(frame["smiles"], frame["measured_log_solubility"])]
    loader = DataLoader(graphs, batch_size=64, shuffle=True)
    model = SolubilityGCN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            batch = batch.to(device)
            opt.zero_grad()
            pred = model(batch.x, batch.edge_index, batch.batch)
            loss = F.mse_loss(pred, batch.y)
            loss.backward()
            opt.step()
            total += loss.item() * batch.num_graphs
        print(f"epoch {epoch:03d} rmse {(total / len(graphs)) ** 0.5:.3f}")


if __name__ == "__main__":
    main()
