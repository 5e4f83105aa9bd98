# source: https://github.com/lcswillems/rl-starter-files/issues/41
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #2 'mat2'
# pattern: tensor-attribute-not-buffer
# shape: class
# looks-like: tensor-attribute-not-buffer
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class RecurrentACModel(nn.Module):
    def __init__(self, obs_dim, n_actions, embed=64):
        super().__init__()
        self.embed = embed
        self.encoder = nn.Sequential(nn.Linear(obs_dim, embed), nn.ReLU())
        self.memory_rnn = nn.LSTMCell(embed, embed)
        self.actor = nn.Linear(embed, n_actions)
        self.critic = nn.Linear(embed, 1)
        # zero initial memory, registered so .to(device) carries it along
        self.register_buffer("init_memory", torch.zeros(1, 2 * embed))
        self.register_buffer("obs_scale", torch.full((obs_dim,), 1.0 / 10.0))

    @property
    def memory_size(self):
        return 2 * self.embed

    def initial_memories(self, n):
        return self.init_memory.expand(n, -1).clone()

    def forward(self, obs, memory):
        x = self.encoder(obs * self.obs_scale)
        h, c = memory[:, : self.embed], memory[:, self.embed :]
        h, c = self.memory_rnn(x, (h, c))
        dist = torch.distributions.Categorical(logits=self.actor(h))
        return dist, self.critic(h).squeeze(1), torch.cat([h, c], dim=1)


class Agent:
    """Evaluation wrapper that keeps one recurrent memory per parallel environment."""

    def __init__(self, acmodel, device, num_envs=1, argmax=False):
        self.device = torch.device(device)
        self.acmodel = acmodel.to(self.device).eval()
        self.argmax = argmax
        self.memories = self.acmodel.initial_memories(num_envs)

    def get_actions(self, obss):
        flat = np.stack([np.asarray(o["image"], dtype=np.float32).ravel() for o in obss])
        obs_t = torch.from_numpy(flat).to(self.device)
        with torch.no_grad():
            dist, _, self.memories = self.acmodel(obs_t, self.memories)
        actions = dist.probs.argmax(1) if self.argmax else dist.sample()
        return actions.cpu().numpy()

    def analyze_feedbacks(self, dones):
        mask = 1 - torch.tensor(dones, dtype=torch.float32, device=self.device).unsqueeze(1)
        self.memories = self.memories * mask


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    agent = Agent(RecurrentACModel(obs_dim=7 * 7 * 3, n_actions=7), device, num_envs=4)
    fake_obs = [{"image": np.random.randint(0, 10, size=(7, 7, 3))} for _ in range(4)]
    print(agent.get_actions(fake_obs))
    agent.analyze_feedbacks([False, True, False, False])
