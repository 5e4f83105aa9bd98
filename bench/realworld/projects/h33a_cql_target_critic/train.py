# source: https://github.com/ray-project/ray/issues/13823
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: module-added-after-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from agent import CQLAgent
from networks import TwinQNetwork


class OfflineTransitions(Dataset):
    def __init__(self, path):
        data = np.load(path)
        self.fields = {k: torch.from_numpy(data[k].astype(np.float32)) for k in
                       ("obs", "act", "rew", "next_obs", "done")}
        for k in ("rew", "done"):
            self.fields[k] = self.fields[k].reshape(-1, 1)

    def __len__(self):
        return len(self.fields["obs"])

    def __getitem__(self, i):
        return {k: v[i] for k, v in self.fields.items()}


def main(path="hopper_medium.npz", epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = OfflineTransitions(path)
    obs_dim, act_dim = data.fields["obs"].shape[1], data.fields["act"].shape[1]

    agent = CQLAgent(obs_dim, act_dim).to(device)
    agent.target_critic = TwinQNetwork(obs_dim, act_dim)
    agent.target_critic.load_state_dict(agent.critic.state_dict())
    agent.target_critic.requires_grad_(False)

    critic_opt = torch.optim.Adam(agent.critic.parameters(), lr=3e-4)
    loader = DataLoader(data, batch_size=256, shuffle=True, drop_last=True)
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = agent.critic_loss(batch)
            critic_opt.zero_grad()
            loss.backward()
            critic_opt.step()
            agent.soft_update()
        print(f"epoch {epoch}: critic loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
