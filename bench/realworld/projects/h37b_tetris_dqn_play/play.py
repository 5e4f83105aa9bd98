# source: https://github.com/jaybutera/tetrisRL/pull/3
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, helper
# bug-lines: 18, 31
# needs: torch
# cpu: no written where torch was not installed; not run
import sys
import time

import torch

from dqn import DEVICE, DQN, to_state
from engine import TetrisEngine


def load_model(filename):
    model = DQN()
    checkpoint = torch.load(filename, map_location=DEVICE)
    model.load_state_dict(checkpoint["state_dict"])
    model.eval()
    print(f"loaded checkpoint from epoch {checkpoint.get('epoch', '?')}")
    return model


def play_episode(model, engine, render=True, delay=0.05):
    state = to_state(engine.clear())
    score, done = 0, False
    while not done:
        with torch.no_grad():
            q_values = model(state)
        action = int(q_values.max(1)[1].item())
        board, reward, done = engine.step(action)
        state = to_state(board)
        score += int(reward)
        if render:
            print(engine)
            time.sleep(delay)
    return score


if __name__ == "__main__":
    engine = TetrisEngine(width=10, height=20)
    model = load_model(sys.argv[1] if len(sys.argv) > 1 else "checkpoint.pth.tar")
    scores = [play_episode(model, engine, render=False) for _ in range(10)]
    print(f"mean score over 10 games: {sum(scores) / len(scores):.1f}")
