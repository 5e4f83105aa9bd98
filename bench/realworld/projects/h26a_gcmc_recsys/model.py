# source: https://github.com/hengruizhang98/GCMC-Pytorch-dgl/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, helper, class
# needs: torch, dgl
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import dgl.function as fn


class FeatTrans(nn.Module):
    def __init__(self, u_in, i_in, hidden):
        super().__init__()
        self.u_dense = nn.Linear(u_in, hidden)
        self.i_dense = nn.Linear(i_in, hidden)

    def forward(self, u_feat, i_feat):
        return torch.relu(self.u_dense(u_feat)), torch.relu(self.i_dense(i_feat))


class GCMC(nn.Module):
    def __init__(self, u_in, i_in, rating_values, hidden=256, out=64):
        super().__init__()
        self.ratings = [str(r) for r in rating_values]
        self.feat_tran = FeatTrans(u_in, i_in, hidden)
        self.W_r = nn.ModuleDict({r: nn.Linear(hidden, out, bias=False) for r in self.ratings})
        self.basis = nn.Parameter(torch.randn(len(self.ratings), out, out) * 0.01)

    def encode(self, enc_graph, u_h, i_h):
        with enc_graph.local_scope():
            funcs = {}
            for r in self.ratings:
                enc_graph.nodes["user"].data["h" + r] = self.W_r[r](u_h)
                enc_graph.nodes["item"].data["h" + r] = self.W_r[r](i_h)
                funcs[r] = (fn.copy_u("h" + r, "m"), fn.mean("m", "agg"))
                funcs["rev-" + r] = (fn.copy_u("h" + r, "m"), fn.mean("m", "agg"))
            enc_graph.multi_update_all(funcs, "sum")
            return (torch.relu(enc_graph.nodes["user"].data["agg"]),
                    torch.relu(enc_graph.nodes["item"].data["agg"]))

    def forward(self, u_feat, i_feat, enc_graph, dec_graph):
        u_h, i_h = self.feat_tran(u_feat, i_feat)
        u_out, i_out = self.encode(enc_graph, u_h, i_h)
        src, dst = dec_graph.edges(etype="rate")
        return torch.einsum("eo,rop,ep->er", u_out[src], self.basis, i_out[dst])
