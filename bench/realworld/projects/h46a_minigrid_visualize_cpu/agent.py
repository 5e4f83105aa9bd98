# source: https://github.com/lcswillems/rl-starter-files/issues/56
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from storage import get_model_state


class ACModel(nn.Module):
    def __init__(self, obs_shape=(7, 7, 3), n_actions=7):
        super().__init__()
        self.image_conv = nn.Sequential(
            nn.Conv2d(3, 16, (2, 2)), nn.ReLU(), nn.MaxPool2d((2, 2)),
            nn.Conv2d(16, 32, (2, 2)), nn.ReLU(), nn.Conv2d(32, 64, (2, 2)), nn.ReLU(),
        )
        self.actor = nn.Sequential(nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, n_actions))
        self.critic = nn.Sequential(nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 1))

    def forward(self, image):
        x = self.image_conv(image.permute(0, 3, 1, 2)).flatten(1)
        dist = torch.distributions.Categorical(logits=self.actor(x))
        return dist, self.critic(x).squeeze(1)


class Agent:
    """Wraps a trained actor-critic for acting in the MiniGrid env."""

    def __init__(self, model_dir, device=None, argmax=False):
        self.device = device
        self.argmax = argmax
        self.acmodel = ACModel()
        self.acmodel.load_state_dict(get_model_state(model_dir))
        self.acmodel.to(self.device)
        self.acmodel.eval()

    def get_action(self, obs_image):
        image = torch.tensor(obs_image, dtype=torch.float, device=self.device).unsqueeze(0)
        with torch.no_grad():
            dist, _ = self.acmodel(image)
        action = dist.probs.argmax(dim=1) if self.argmax else dist.sample()
        return action.item()
