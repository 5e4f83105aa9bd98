# source: https://github.com/pytorch/pytorch/issues/137186
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper, loader-loop
# bug-lines: 18, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Return-conditioned transformer policy trained on offline trajectories
(decision-transformer style).  Tokens are laid out as (R_1, s_1, a_1, R_2, ...)."""
import functools

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


@functools.lru_cache(maxsize=16)
def causal_mask(num_tokens, device=torch.device("cpu")):
    # additive attention mask, -inf strictly above the diagonal
    full = torch.full((num_tokens, num_tokens), float("-inf"), device=device)
    return torch.triu(full, diagonal=1)


class TrajectoryPolicy(nn.Module):
    def __init__(self, state_dim, act_dim, d_model=128, n_layers=3, max_ep_len=1000):
        super().__init__()
        self.embed_state = nn.Linear(state_dim, d_model)
        self.embed_action = nn.Linear(act_dim, d_model)
        self.embed_return = nn.Linear(1, d_model)
        self.embed_timestep = nn.Embedding(max_ep_len, d_model)
        self.embed_ln = nn.LayerNorm(d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, dim_feedforward=4 * d_model,
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.predict_action = nn.Sequential(nn.Linear(d_model, act_dim), nn.Tanh())

    def _interleave(self, returns_to_go, states, actions, timesteps):
        t_emb = self.embed_timestep(timesteps)
        r = self.embed_return(returns_to_go) + t_emb
        s = self.embed_state(states) + t_emb
        a = self.embed_action(actions) + t_emb
        batch, horizon, width = s.shape
        return torch.stack((r, s, a), dim=2).reshape(batch, 3 * horizon, width)

    def forward(self, returns_to_go, states, actions, timesteps):
        tokens = self.embed_ln(self._interleave(returns_to_go, states, actions, timesteps))
        mask = causal_mask(tokens.shape[1])
        hidden = self.encoder(tokens, mask=mask)
        # a_t is predicted from the hidden state of the s_t token
        return self.predict_action(hidden[:, 1::3])


def train_epoch(policy, dataset, optimizer, device, batch_size=64):
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)
    policy.train()
    for batch in loader:
        rtg = batch["returns_to_go"].to(device)
        states = batch["states"].to(device)
        actions = batch["actions"].to(device)
        timesteps = batch["timesteps"].to(device)
        pred = policy(rtg, states, actions, timesteps)
        loss = ((pred - actions) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 0.25)
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n, horizon = 512, 20
    data = [{"returns_to_go": torch.randn(horizon, 1), "states": torch.randn(horizon, 17),
             "actions": torch.rand(horizon, 6) * 2 - 1, "timesteps": torch.arange(horizon)}
            for _ in range(n)]
    policy = TrajectoryPolicy(state_dim=17, act_dim=6).to(device)
    opt = torch.optim.AdamW(policy.parameters(), lr=1e-4, weight_decay=1e-4)
    print("loss", train_epoch(policy, data, opt, device))
