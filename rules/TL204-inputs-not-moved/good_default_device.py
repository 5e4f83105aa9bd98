# cleanrl's ppo_trxl: with a default device set, factories without `device=` make
# their tensors there, not on the CPU.
import torch
import torch.nn as nn


def train(cuda, num_steps, num_envs):
    device = torch.device("cuda" if cuda and torch.cuda.is_available() else "cpu")
    if cuda:
        torch.set_default_device(device)
    agent = nn.Linear(4, 1).to(device)
    obs = torch.zeros((num_steps, num_envs, 4))
    values = torch.zeros((num_steps, num_envs))
    newvalue = agent(obs).squeeze(-1)
    return (newvalue - values).pow(2).mean()
