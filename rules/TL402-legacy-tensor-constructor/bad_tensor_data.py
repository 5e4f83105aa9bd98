import copy

import torch
from torch import nn


class Critic(nn.Module):
    def __init__(self, dim=8):
        super().__init__()
        self.q = nn.Linear(dim, 1)

    def forward(self, s):
        return self.q(s)


def td_error(critic, target, state, next_state, reward, done, gamma=0.99):
    state = torch.Tensor(state).to(DEVICE)
    next_state = torch.Tensor(next_state).to(DEVICE)
    # torch.Tensor of a list: a CPU tensor with a dimension, like torch.FloatTensor
    reward = torch.Tensor([reward])  # expect: TL402:14 lines=22
    with torch.no_grad():
        goal = reward + gamma * target(next_state)  # (meets the device here)
    return (goal - critic(state)).abs()


DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")

if __name__ == "__main__":
    critic = Critic().to(DEVICE)
    target = copy.deepcopy(critic)
    print(td_error(critic, target, [0.0] * 8, [1.0] * 8, 0.5, False))
