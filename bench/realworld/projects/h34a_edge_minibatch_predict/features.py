# source: https://github.com/awslabs/graphstorm/pull/288
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import dgl
import torch


class FeatureStore:
    """Keeps node and edge features on the host; hands out per-batch slices."""

    def __init__(self, g: dgl.DGLGraph, node_feat="feat", edge_feat="efeat"):
        self.node_feats = g.ndata[node_feat]
        self.edge_feats = g.edata[edge_feat]

    def get_node_feats(self, input_nodes: torch.Tensor, device) -> torch.Tensor:
        return self.node_feats[input_nodes.cpu()].to(device, non_blocking=True)

    def get_edge_feats(self, edge_ids: torch.Tensor, device) -> torch.Tensor:
        return self.edge_feats[edge_ids.cpu()].to(device, non_blocking=True)


def make_edge_loader(g: dgl.DGLGraph, target_eids: torch.Tensor, fanouts=(10, 10), batch_size=1024):
    sampler = dgl.dataloading.as_edge_prediction_sampler(
        dgl.dataloading.MultiLayerNeighborSampler(list(fanouts)))
    return dgl.dataloading.DataLoader(g, target_eids, sampler, batch_size=batch_size,
                                      shuffle=False, drop_last=False)
