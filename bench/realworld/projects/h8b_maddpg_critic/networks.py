# source: https://github.com/marlbenchmark/off-policy/pull/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 45
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def init_(module, gain=0.01):
    nn.init.orthogonal_(module.weight, gain=gain)
    nn.init.constant_(module.bias, 0.0)
    return module


class MLPBase(nn.Module):
    def __init__(self, input_dim, hidden_size, layer_n):
        super().__init__()
        layers = [nn.LayerNorm(input_dim), nn.Linear(input_dim, hidden_size), nn.ReLU()]
        for _ in range(layer_n):
            layers += [nn.Linear(hidden_size, hidden_size), nn.ReLU()]
        self.fc = nn.Sequential(*layers)

    def forward(self, x):
        return self.fc(x)


class MADDPGActor(nn.Module):
    def __init__(self, args, obs_dim, act_dim, device):
        super().__init__()
        self.mlp = MLPBase(obs_dim, args.hidden_size, args.layer_N)
        self.action_out = init_(nn.Linear(args.hidden_size, act_dim))
        self.to(device)

    def forward(self, obs):
        return torch.tanh(self.action_out(self.mlp(obs)))


class MADDPGCritic(nn.Module):
    def __init__(self, args, central_obs_dim, central_act_dim, device, num_q_outs=1):
        super().__init__()
        self.mlp = MLPBase(central_obs_dim + central_act_dim, args.hidden_size, args.layer_N)
        self.q_outs = [init_(nn.Linear(args.hidden_size, 1)) for _ in range(num_q_outs)]
        self.to(device)

    def forward(self, central_obs, central_act):
        x = torch.cat([central_obs, central_act], dim=-1)
        x = self.mlp(x)
        return [q_out(x) for q_out in self.q_outs]
