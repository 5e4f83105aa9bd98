# source: https://github.com/ray-project/ray/pull/31085
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, batch-dict
# bug-lines: 25, 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Policy network for a dict observation space: camera images plus proprioceptive vectors."""
import torch
import torch.nn as nn

OBS_SPEC = {
    "camera": ("image", (3, 64, 64)),
    "joint_pos": ("vector", 12),
    "joint_vel": ("vector", 12),
    "goal": ("vector", 3),
}


class MultiInputPolicy(nn.Module):
    def __init__(self, obs_spec, n_actions=6, embed=128):
        super().__init__()
        self.obs_spec = obs_spec
        self.image_encoders = nn.ModuleDict()
        self.vector_encoders = {}
        for key, (kind, shape) in obs_spec.items():
            if kind == "image":
                self.image_encoders[key] = nn.Sequential(
                    nn.Conv2d(shape[0], 32, 8, stride=4), nn.ReLU(),
                    nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
                    nn.Flatten(), nn.Linear(64 * 6 * 6, embed),
                )
            else:
                self.vector_encoders[key] = nn.Sequential(nn.Linear(shape, embed), nn.Tanh())
        self.trunk = nn.Sequential(nn.Linear(embed * len(obs_spec), 256), nn.ReLU())
        self.logits = nn.Linear(256, n_actions)
        self.value = nn.Linear(256, 1)

    def forward(self, obs):
        parts = []
        for key, (kind, _) in self.obs_spec.items():
            if kind == "image":
                parts.append(self.image_encoders[key](obs[key].float() / 255.0))
            else:
                parts.append(self.vector_encoders[key](obs[key]))
        h = self.trunk(torch.cat(parts, dim=-1))
        return self.logits(h), self.value(h).squeeze(-1)


def sample_obs(batch_size):
    return {
        "camera": torch.randint(0, 256, (batch_size, 3, 64, 64), dtype=torch.uint8),
        "joint_pos": torch.randn(batch_size, 12),
        "joint_vel": torch.randn(batch_size, 12),
        "goal": torch.randn(batch_size, 3),
    }


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    policy = MultiInputPolicy(OBS_SPEC).to(device)
    obs = {k: v.to(device) for k, v in sample_obs(16).items()}
    logits, value = policy(obs)
    action = torch.distributions.Categorical(logits=logits).sample()
    print(action.shape, value.shape)
