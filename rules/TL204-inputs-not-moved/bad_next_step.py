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
        # rebuilt on the CPU: the next step multiplies the GPU state with it
        alive = torch.tensor([[0.0 if done else 1.0]])  # expect: TL204:17 lines=39,33


def sample_rows(decoder, labels, width):
    # a CPU noise block joined with codes the caller built: on the CPU, or the join fails
    noise = torch.randn(len(labels), width)
    codes = labels.float()
    return decoder(torch.cat([noise, codes], dim=1))  # expect: TL204:20 lines=21,40


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
    print(sample_rows(decoder, load_labels(), 16).shape)
