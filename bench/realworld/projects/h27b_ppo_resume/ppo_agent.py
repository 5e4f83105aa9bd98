# source: https://github.com/kozistr/pytorch_optimizer/issues/266 https://github.com/banctilrobitaille/kerosene/issues/111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, batch-dict
# bug-lines: 41
# needs: torch
# cpu: clean
"""PPO agent with checkpointing, so long runs can be resumed from the last save."""
import torch
import torch.nn.functional as F

from networks import ActorCritic


class PPOAgent:
    def __init__(self, obs_dim, n_actions, lr=2.5e-4, clip=0.2, epochs=4, minibatch=64):
        self.net = ActorCritic(obs_dim, n_actions)
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=lr, eps=1e-5)
        self.clip, self.epochs, self.minibatch = clip, epochs, minibatch
        self.device = torch.device("cpu")
        self.global_step = 0

    def to(self, device):
        self.device = torch.device(device)
        self.net.to(self.device)
        return self

    @torch.no_grad()
    def act(self, obs):
        dist, value = self.net(torch.as_tensor(obs, dtype=torch.float32, device=self.device))
        action = dist.sample()
        return action, dist.log_prob(action), value

    def save(self, path):
        torch.save({"net": self.net.state_dict(), "optim": self.optimizer.state_dict(),
                    "global_step": self.global_step}, path)

    def load(self, path):
        ckpt = torch.load(path, map_location="cpu")
        self.net.load_state_dict(ckpt["net"])
        self.optimizer.load_state_dict(ckpt["optim"])
        self.global_step = ckpt["global_step"]

    def update(self, batch):
        n = batch["obs"].shape[0]
        for _ in range(self.epochs):
            for idx in torch.randperm(n, device=self.device).split(self.minibatch):
                dist, values = self.net(batch["obs"][idx])
                ratio = (dist.log_prob(batch["actions"][idx]) - batch["logp"][idx]).exp()
                adv = batch["adv"][idx]
                adv = (adv - adv.mean()) / (adv.std() + 1e-8)
                pg_loss = -torch.min(ratio * adv, ratio.clamp(1 - self.clip, 1 + self.clip) * adv).mean()
                v_loss = F.mse_loss(values, batch["returns"][idx])
                loss = pg_loss + 0.5 * v_loss - 0.01 * dist.entropy().mean()
                self.optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.net.parameters(), 0.5)
                self.optimizer.step()
        return loss.item()
