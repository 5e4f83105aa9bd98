# source: https://github.com/awslabs/graphstorm/pull/288
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# looks-like: inputs-not-moved
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import dgl
import torch

from features import FeatureStore, make_edge_loader
from model import SAGEEdgeRegressor


@torch.no_grad()
def edge_mini_batch_predict(model, g, target_eids, device):
    store = FeatureStore(g)
    loader = make_edge_loader(g, target_eids)
    model.eval()
    preds = []
    for input_nodes, batch_graph, blocks in loader:
        input_feats = store.get_node_feats(input_nodes, device)
        blocks = [block.to(device) for block in blocks]
        batch_graph = batch_graph.to(device)
        efeat = store.get_edge_feats(batch_graph.edata[dgl.EID], device)
        h = model.encode(blocks, input_feats)
        preds.append(model.score(batch_graph, h, efeat).cpu())
    return torch.cat(preds)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    (g,), _ = dgl.load_graphs("data/transactions.bin")
    model = SAGEEdgeRegressor(g.ndata["feat"].shape[1], g.edata["efeat"].shape[1])
    model.load_state_dict(torch.load("checkpoints/edge_regressor.pt", map_location="cpu"))
    model = model.to(device)
    test_eids = torch.nonzero(g.edata["test_mask"], as_tuple=True)[0]
    scores = edge_mini_batch_predict(model, g, test_eids, device)
    print(scores[:10])
