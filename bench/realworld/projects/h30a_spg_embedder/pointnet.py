# source: https://github.com/loicland/superpoint_graph/issues/143
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class
# bug-lines: 56, 60
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class STNkD(nn.Module):
    def __init__(self, nfeat, k=2):
        super().__init__()
        self.k = k
        self.convs = nn.Sequential(nn.Conv1d(nfeat, 64, 1), nn.ReLU(), nn.Conv1d(64, 128, 1), nn.ReLU())
        self.fc = nn.Linear(128, k * k)

    def forward(self, x):
        t = self.fc(self.convs(x).max(dim=2)[0]).view(-1, self.k, self.k)
        return t + torch.eye(self.k, device=t.device)


class PointNet(nn.Module):
    def __init__(self, nfeat, nfeat_global, nf_out=32, nfeat_stn=2):
        super().__init__()
        self.nfeat_stn = nfeat_stn
        self.stn = STNkD(nfeat_stn, nfeat_stn)
        self.convs = nn.Sequential(nn.Conv1d(nfeat, 64, 1), nn.ReLU(), nn.Conv1d(64, 128, 1), nn.ReLU())
        self.fc = nn.Linear(128 + nfeat_global, nf_out)

    def forward(self, x, x_global):
        T = self.stn(x[:, :self.nfeat_stn, :])
        xy = torch.bmm(T, x[:, :self.nfeat_stn, :])
        x = torch.cat([xy, x[:, self.nfeat_stn:, :]], dim=1)
        x = self.convs(x).max(dim=2)[0]
        return self.fc(torch.cat([x, x_global], dim=1))


class CloudEmbedder:
    """Embeds every superpoint of a batch of graphs with the shared PointNet."""

    def __init__(self, args):
        self.args = args
        self.bw_hook = lambda: None

    def run_batch(self, model, clouds_meta, clouds_flag, clouds, clouds_global):
        if self.args.cuda:
            clouds, clouds_global = clouds.cuda(), clouds_global.cuda()
        return model.ptn(clouds, clouds_global)

    def run_full_monger(self, model, clouds_meta, clouds_flag, clouds, clouds_global):
        """Evaluates the PointNet without keeping activations, chunk by chunk."""
        with torch.no_grad():
            out = model.ptn(clouds, clouds_global)
        out = out.detach().requires_grad_()

        def bw_hook():
            out_v2 = model.ptn(clouds, clouds_global)
            out_v2.backward(out.grad)
        self.bw_hook = bw_hook
        return out

    def run(self, model, *clouds_data):
        if self.args.ptn_mem_monger:
            return self.run_full_monger(model, *clouds_data)
        return self.run_batch(model, *clouds_data)
