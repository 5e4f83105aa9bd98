# source: https://github.com/ChanganVR/RelationalGraphLearning/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-added-after-placement
# shape: class, helper
# looks-like: module-added-after-placement
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class RelationalGraphEncoder(nn.Module):
    def __init__(self, robot_dim=9, human_dim=5, hidden=64):
        super().__init__()
        self.robot_mlp = nn.Sequential(nn.Linear(robot_dim, hidden), nn.ReLU())
        self.human_mlp = nn.Sequential(nn.Linear(human_dim, hidden), nn.ReLU())
        self.w_a = nn.Linear(hidden, hidden, bias=False)

    def forward(self, robot_state, human_states):
        x = torch.cat([self.robot_mlp(robot_state), self.human_mlp(human_states)], dim=1)
        attn = torch.softmax(self.w_a(x) @ x.transpose(1, 2), dim=-1)
        return (attn @ x)[:, 0]


class StatePredictor(nn.Module):
    def __init__(self, encoder, hidden=64, num_humans=5):
        super().__init__()
        self.encoder = encoder
        self.motion = nn.Linear(hidden, num_humans * 5)

    def forward(self, robot_state, human_states):
        return human_states + self.motion(self.encoder(robot_state, human_states)).view_as(human_states)


class ModelPredictiveRL(nn.Module):
    def __init__(self):
        super().__init__()
        self.device = torch.device("cpu")
        self.encoder = RelationalGraphEncoder()
        self.value_head = nn.Linear(64, 1)

    def set_device(self, device):
        self.device = device
        self.to(device)

    def enable_planning(self, num_humans=5, speeds=(0.5, 1.0), rotations=8):
        # planning is switched on after the policy has been placed: build the predictor on that device
        self.state_predictor = StatePredictor(self.encoder, num_humans=num_humans).to(self.device)
        angles = np.linspace(0, 2 * np.pi, rotations, endpoint=False)
        actions = [[v * np.cos(a), v * np.sin(a)] for v in speeds for a in angles]
        self.action_space = torch.tensor(actions, dtype=torch.float32, device=self.device)

    def predict(self, robot_state, human_states):
        values = []
        for action in self.action_space:
            next_robot = robot_state.clone()
            next_robot[:, 0, 2:4] = action
            next_humans = self.state_predictor(next_robot, human_states)
            values.append(self.value_head(self.encoder(next_robot, next_humans)))
        return self.action_space[torch.cat(values, dim=1).argmax(dim=1)]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    policy = ModelPredictiveRL()
    policy.set_device(device)
    policy.enable_planning()
    robot = torch.randn(4, 1, 9, device=device)
    humans = torch.randn(4, 5, 5, device=device)
    with torch.no_grad():
        print(policy.predict(robot, humans).shape)
