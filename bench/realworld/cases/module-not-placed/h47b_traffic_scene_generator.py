# source: https://github.com/metadriverse/trafficgen/issues/43
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 51, 52, 62, 64
# needs: torch
# cpu: no written where torch was not installed; not run
"""Generate driving scenarios: place initial agents on the map, then roll out their motion."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class Initializer(nn.Module):
    def __init__(self, lane_dim=16, hidden=128):
        super().__init__()
        self.lane_enc = nn.Sequential(nn.Linear(lane_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden))
        self.agent_head = nn.Linear(hidden, 8)

    def forward(self, batch):
        lanes = self.lane_enc(batch["lane_feats"])
        return self.agent_head(lanes.max(dim=1).values)


class Actuator(nn.Module):
    def __init__(self, hidden=128, horizon=80):
        super().__init__()
        self.horizon = horizon
        self.net = nn.Sequential(nn.Linear(8 + 16, hidden), nn.ReLU(), nn.Linear(hidden, horizon * 2))

    def forward(self, agents, lane_ctx):
        return self.net(torch.cat([agents, lane_ctx], dim=-1)).view(-1, self.horizon, 2)


def load_from_checkpoint(cls, path):
    model = cls()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.eval()


class MapDataset(Dataset):
    def __len__(self):
        return 32

    def __getitem__(self, idx):
        return {"lane_feats": torch.randn(64, 16), "center": torch.randn(2)}


class TrafficGen:
    def __init__(self, ckpt_dir="traffic_generator/ckpt"):
        self.init_model = load_from_checkpoint(Initializer, f"{ckpt_dir}/init.ckpt")
        self.act_model = load_from_checkpoint(Actuator, f"{ckpt_dir}/act.ckpt")
        self.data_loader = DataLoader(MapDataset(), batch_size=1, shuffle=False, num_workers=0)

    @torch.no_grad()
    def generate_scenarios(self, num_scenarios=10):
        scenes = []
        for i, batch in enumerate(self.data_loader):
            if i >= num_scenarios:
                break
            batch = {k: v.to("cuda") for k, v in batch.items()}
            agents = self.init_model(batch)
            lane_ctx = batch["lane_feats"].mean(dim=1)
            trajs = self.act_model(agents, lane_ctx)
            scenes.append(trajs.cpu())
        return scenes


if __name__ == "__main__":
    gen = TrafficGen()
    out = gen.generate_scenarios(num_scenarios=4)
    print(len(out), out[0].shape)
