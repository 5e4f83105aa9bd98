# source: https://github.com/lcswillems/rl-starter-files/issues/46 https://github.com/lcswillems/rl-starter-files/pull/47
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _th_mm
# pattern: tensor-created-without-device
# shape: multi-file, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Roll out a trained memory agent (stand-in environment with 7x7x3 observations)."""
import argparse

import numpy as np
import torch

from agent import Agent

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="storage/RedBlueDoors/status.pt")
parser.add_argument("--episodes", type=int, default=3)
parser.add_argument("--argmax", action="store_true")
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
agent = Agent((7, 7, 3), n_actions=7, model_path=args.model, device=device, argmax=args.argmax)

for episode in range(args.episodes):
    obs, done, steps = {"image": np.random.randint(0, 10, (7, 7, 3))}, False, 0
    while not done:
        action = agent.get_action(obs)
        obs = {"image": np.random.randint(0, 10, (7, 7, 3))}
        reward, done = 0.0, steps >= 20
        agent.analyze_feedback(reward, done)
        steps += 1
    print(f"episode {episode} steps {steps} last action {action}")
