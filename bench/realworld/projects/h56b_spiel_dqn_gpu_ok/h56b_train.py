# source: https://github.com/google-deepmind/open_spiel/issues/538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, top-level
# looks-like: discarded-tensor-move
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Self-play training loop on a toy two-player game with the agents on the GPU."""
import numpy as np
import torch

from h56b_agent import DQN

STATE_SIZE, NUM_ACTIONS = 27, 9


def toy_game_step(state, action):
    next_state = state.copy()
    next_state[action] = 1.0
    done = bool(next_state[:NUM_ACTIONS].sum() >= NUM_ACTIONS or np.random.rand() < 0.1)
    return next_state, float(np.random.choice([-1.0, 0.0, 1.0])) if done else 0.0, done


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    agents = [DQN(pid, STATE_SIZE, NUM_ACTIONS, device=device) for pid in range(2)]
    for episode in range(200):
        state, done, player = np.zeros(STATE_SIZE, dtype=np.float32), False, 0
        while not done:
            legal = [a for a in range(NUM_ACTIONS) if state[a] == 0.0]
            action = agents[player].step(state, legal, epsilon=0.1)
            next_state, reward, done = toy_game_step(state, action)
            mask = (next_state[:NUM_ACTIONS] == 0.0).astype(np.float32)
            agents[player].add_transition(state, action, reward, next_state, done, mask)
            state, player = next_state, 1 - player
        losses = [agent.learn() for agent in agents]
        if episode % 20 == 0:
            for agent in agents:
                agent.update_target_network()
            print(episode, losses)
