# source: https://github.com/DylanSnyder31/AlphaZero-Chess/issues/3
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 36, 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class PolicyValueNet(nn.Module):
    def __init__(self, planes=19, channels=64, n_moves=4672):
        super().__init__()
        self.stem = nn.Conv2d(planes, channels, 3, padding=1)
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(),
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(),
        )
        self.policy_head = nn.Linear(channels * 64, n_moves)
        self.value_head = nn.Linear(channels * 64, 1)

    def forward(self, board):
        h = F.relu(self.stem(board))
        h = self.body(h).flatten(1)
        return F.log_softmax(self.policy_head(h), dim=1), torch.tanh(self.value_head(h))


class SelfPlayAgent:
    """Wraps the network for MCTS leaf evaluation during self-play."""

    def __init__(self, checkpoint=None, c_puct=1.5):
        self.c_puct = c_puct
        self.network = PolicyValueNet().cuda()
        if checkpoint is not None:
            state = torch.load(checkpoint, map_location="cpu")
            self.network.load_state_dict(state)
        self.network.eval()

    def encode(self, board_planes):
        planes = np.asarray(board_planes, dtype=np.float32)
        return torch.from_numpy(planes).unsqueeze(0).cuda()

    @torch.no_grad()
    def evaluate(self, board_planes, legal_moves):
        x = self.encode(board_planes)
        log_probs, value = self.network(x)
        priors = log_probs.exp().squeeze(0).cpu().numpy()
        masked = {m: priors[m] for m in legal_moves}
        total = sum(masked.values()) or 1.0
        return {m: p / total for m, p in masked.items()}, value.item()


if __name__ == "__main__":
    agent = SelfPlayAgent()
    dummy = np.zeros((19, 8, 8), dtype=np.float32)
    priors, v = agent.evaluate(dummy, legal_moves=[0, 1, 2, 3])
    print(len(priors), v)
