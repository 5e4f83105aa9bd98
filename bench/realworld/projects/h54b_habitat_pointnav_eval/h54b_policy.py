# source: https://github.com/facebookresearch/habitat-lab/issues/171
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PointNavPolicy(nn.Module):
    """Small recurrent actor-critic for PointGoal navigation (depth + GPS/compass)."""

    def __init__(self, depth_hw=(64, 64), hidden_size=256, num_actions=4, rnn_layers=1):
        super().__init__()
        self.hidden_size = hidden_size
        self.rnn_layers = rnn_layers
        self.visual = nn.Sequential(
            nn.Conv2d(1, 32, 8, stride=4), nn.ReLU(),
            nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
            nn.Flatten(),
        )
        with torch.no_grad():
            n_flat = self.visual(torch.zeros(1, 1, *depth_hw)).shape[1]
        self.goal_embed = nn.Linear(2, 32)
        self.rnn = nn.GRU(n_flat + 32, hidden_size, num_layers=rnn_layers)
        self.actor = nn.Linear(hidden_size, num_actions)
        self.critic = nn.Linear(hidden_size, 1)

    def forward(self, depth, pointgoal, hidden, masks):
        x = torch.cat([self.visual(depth), self.goal_embed(pointgoal)], dim=1)
        hidden = hidden * masks.view(1, -1, 1)
        out, hidden = self.rnn(x.unsqueeze(0), hidden)
        out = out.squeeze(0)
        return self.actor(out), self.critic(out), hidden

    def act(self, depth, pointgoal, hidden, masks, deterministic=True):
        logits, value, hidden = self(depth, pointgoal, hidden, masks)
        if deterministic:
            action = logits.argmax(dim=1)
        else:
            action = torch.distributions.Categorical(logits=logits).sample()
        return action, value, hidden
