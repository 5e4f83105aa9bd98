# source: https://github.com/lcswillems/rl-starter-files/issues/56
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, top-level
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch

from agent import Agent
from storage import get_model_dir

parser = argparse.ArgumentParser()
parser.add_argument("--model", required=True, help="name of the trained model (REQUIRED)")
parser.add_argument("--episodes", type=int, default=10)
parser.add_argument("--argmax", action="store_true", default=False)
args = parser.parse_args()

# laptop without CUDA: everything should run on the CPU
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"Device: {device}")

model_dir = get_model_dir(args.model)
agent = Agent(model_dir, device=device, argmax=args.argmax)
print("Agent loaded\n")

rng = np.random.default_rng(0)
for episode in range(args.episodes):
    steps = 0
    for _ in range(50):
        obs_image = rng.integers(0, 10, size=(7, 7, 3))
        action = agent.get_action(obs_image)
        steps += 1
    print(f"episode {episode}: {steps} steps, last action {action}")
