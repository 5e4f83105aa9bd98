# source: https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix/issues/207
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# bug-lines: 37, 43
# needs: torch
# cpu: no written where torch was not installed; not run
"""Rank the next point of interest for each user from their recent check-in trajectory (Foursquare NYC)."""
import torch
import torch.nn as nn


class NextPOINet(nn.Module):
    def __init__(self, n_pois, n_users, dim=128):
        super().__init__()
        self.poi_emb = nn.Embedding(n_pois, dim, padding_idx=0)
        self.hour_emb = nn.Embedding(24 * 7, dim)
        self.user_emb = nn.Embedding(n_users, dim)
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.out = nn.Linear(2 * dim, n_pois)

    def forward(self, poi_seq, hour_seq, user):
        h, _ = self.gru(self.poi_emb(poi_seq) + self.hour_emb(hour_seq))
        return self.out(torch.cat([h[:, -1], self.user_emb(user)], dim=-1))


class NextPOITester:
    def __init__(self, opt):
        self.gpu_ids = opt["gpu_ids"]
        self.device = torch.device(f"cuda:{self.gpu_ids[0]}" if self.gpu_ids else "cpu")
        self.net = NextPOINet(opt["n_pois"], opt["n_users"]).to(self.device)
        self.net.load_state_dict(torch.load(opt["ckpt"], map_location=self.device))
        self.net.eval()

    def set_input(self, batch):
        self.poi_seq = batch["poi_seq"].to(self.device)
        self.hour_seq = batch["hour_seq"]
        self.user = batch["user"].to(self.device)
        self.user_ids = batch["user_raw_id"]

    @torch.no_grad()
    def test(self, k=10):
        scores = self.net(self.poi_seq, self.hour_seq, self.user)
        scores[:, 0] = float("-inf")  # padding POI
        self.topk = scores.topk(k, dim=-1).indices.cpu()

    def get_current_results(self):
        return dict(zip(self.user_ids, self.topk.tolist()))


def run(opt, loader):
    tester = NextPOITester(opt)
    recs = {}
    for batch in loader:
        tester.set_input(batch)
        tester.test()
        recs.update(tester.get_current_results())
    return recs
