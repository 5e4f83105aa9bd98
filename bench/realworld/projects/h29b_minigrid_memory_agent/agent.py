# source: https://github.com/lcswillems/rl-starter-files/issues/46 https://github.com/lcswillems/rl-starter-files/pull/47
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _th_mm
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 27, 35
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Agent wrapper used by the visualize/evaluate scripts."""
import numpy as np
import torch

from model import ACModel


def preprocess_obss(obss, device=None):
    images = np.array([o["image"] for o in obss])
    return torch.tensor(images, device=device, dtype=torch.float)


class Agent:
    def __init__(self, obs_shape, n_actions, model_path, device=None, argmax=False, num_envs=1):
        self.acmodel = ACModel(obs_shape, n_actions)
        self.device = device
        self.argmax = argmax
        self.num_envs = num_envs
        if self.acmodel.recurrent:
            self.memories = torch.zeros(self.num_envs, self.acmodel.memory_size)
        self.acmodel.load_state_dict(torch.load(model_path, map_location=device))
        self.acmodel.to(self.device)
        self.acmodel.eval()

    def get_actions(self, obss):
        image = preprocess_obss(obss, device=self.device)
        with torch.no_grad():
            dist, _, self.memories = self.acmodel(image, self.memories)
        actions = dist.probs.max(1, keepdim=True)[1] if self.argmax else dist.sample()
        return actions.cpu().numpy()

    def get_action(self, obs):
        return self.get_actions([obs])[0]

    def analyze_feedbacks(self, rewards, dones):
        if self.acmodel.recurrent:
            masks = 1 - torch.tensor(dones, dtype=torch.float, device=self.device).unsqueeze(1)
            self.memories *= masks

    def analyze_feedback(self, reward, done):
        return self.analyze_feedbacks([reward], [done])
