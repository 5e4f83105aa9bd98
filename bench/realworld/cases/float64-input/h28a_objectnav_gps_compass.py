# source: https://github.com/facebookresearch/habitat-lab/issues/604
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: batch-dict, helper, class
# bug-lines: 18, 25, 49, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""ObjectNav rollout worker: GPS and compass sensors feed a small recurrent policy."""
import numpy as np
import torch
import torch.nn as nn


class EpisodicGPSSensor:
    uuid = "gps"

    def get_observation(self, agent_pos, start_pos):
        return np.array([agent_pos[0] - start_pos[0], agent_pos[2] - start_pos[2]], dtype=np.float64)


class EpisodicCompassSensor:
    uuid = "compass"

    def get_observation(self, heading):
        return np.array([heading], dtype=np.float64)


def batch_obs(observations, device):
    grouped = {}
    for obs in observations:
        for key, value in obs.items():
            grouped.setdefault(key, []).append(torch.as_tensor(value))
    return {key: torch.stack(values).to(device) for key, values in grouped.items()}


class ObjectNavPolicy(nn.Module):
    def __init__(self, n_actions=4, hidden=128):
        super().__init__()
        self.rgb_enc = nn.Sequential(
            nn.Conv2d(3, 16, 5, stride=4), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten()
        )
        self.gps_fc = nn.Linear(2, 32)
        self.compass_fc = nn.Linear(2, 32)
        self.rnn = nn.GRUCell(16 + 64, hidden)
        self.actor = nn.Linear(hidden, n_actions)

    def forward(self, batch, h):
        x_rgb = self.rgb_enc(batch["rgb"].float() / 255.0)
        x_gps = self.gps_fc(batch["gps"])
        compass = torch.cat([torch.cos(batch["compass"]), torch.sin(batch["compass"])], -1)
        x_compass = self.compass_fc(compass)
        h = self.rnn(torch.cat([x_rgb, x_gps, x_compass], -1), h)
        return self.actor(h), h


def rollout(num_envs=4, steps=50, device=torch.device("cuda")):
    gps_sensor, compass_sensor = EpisodicGPSSensor(), EpisodicCompassSensor()
    policy = ObjectNavPolicy().to(device)
    h = torch.zeros(num_envs, 128, device=device)
    start, pos, heading = np.zeros((num_envs, 3)), np.zeros((num_envs, 3)), np.zeros(num_envs)
    for _ in range(steps):
        observations = []
        for i in range(num_envs):
            observations.append({
                "rgb": np.random.randint(0, 255, (3, 128, 128), dtype=np.uint8),
                "gps": gps_sensor.get_observation(pos[i], start[i]),
                "compass": compass_sensor.get_observation(heading[i]),
            })
        batch = batch_obs(observations, device)
        with torch.no_grad():
            logits, h = policy(batch, h)
        actions = logits.argmax(-1).cpu().numpy()
        pos[:, 2] += (actions == 0) * 0.25
        heading += (actions == 1) * 0.17 - (actions == 2) * 0.17


if __name__ == "__main__":
    rollout()
