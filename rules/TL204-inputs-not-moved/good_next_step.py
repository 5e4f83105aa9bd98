import torch
from torch import nn

from envs import load_labels, make_env


def rollout(policy, env, steps, device):
    obs = torch.as_tensor(env.reset(), dtype=torch.float32, device=device)
    state = (torch.zeros(1, 32, device=device), torch.zeros(1, 32, device=device))
    alive = torch.ones(1, 1, device=device)
    for _ in range(steps):
        action, state = policy.step(obs, state, alive)
        obs_np, done = env.step(action.argmax(-1).item())
        obs = torch.as_tensor(obs_np, dtype=torch.float32, device=device)
        alive = torch.tensor([[0.0 if done else 1.0]], device=device)


def log_rollout(policy, env, steps, device):
    # the CPU copy is for the log; the next step uses the device one
    alive = torch.ones(1, 1, device=device)
    history = []
    for _ in range(steps):
        obs = torch.as_tensor(env.observe(), dtype=torch.float32, device=device)
        policy.step(obs, (alive, alive), alive)
        flags = torch.tensor([[1.0]])
        history.append(flags)
        alive = flags.to(device)


def sample_rows(decoder, labels, width, device):
    noise = torch.randn(len(labels), width, device=device)
    codes = labels.float()
    return decoder(torch.cat([noise, codes], dim=1))


class Controller(nn.Module):
    def __init__(self, obs=6, width=32):
        super().__init__()
        self.cell = nn.LSTMCell(obs, width)
        self.out = nn.Linear(width, 2)

    def step(self, obs, state, alive):
        h, c = self.cell(obs, (state[0] * alive, state[1] * alive))
        return self.out(h), (h, c)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    policy = Controller().to(device)
    decoder = nn.Linear(20, 8).to(device)
    rollout(policy, make_env(), 100, device)
    log_rollout(policy, make_env(), 100, device)
    print(sample_rows(decoder, load_labels(), 16, device).shape)
