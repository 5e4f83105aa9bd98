# source: https://github.com/pytorch/pytorch/issues/1757
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: helper, batch-dict
# bug-lines: 30, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np
import torch
import torch.nn as nn

BOARD_CELLS = 30

value_net = nn.Sequential(
    nn.Linear(BOARD_CELLS, 64),
    nn.ReLU(),
    nn.Linear(64, 1),
)
optimizer = torch.optim.Adam(value_net.parameters(), lr=1e-3)


def encode_board(board):
    """board is a list of 30 cells holding -1 (opponent), 0 (empty) or 1 (own stone)."""
    return np.asarray(board, dtype=np.int64)


def to_state_tensor(boards):
    return torch.from_numpy(np.stack([encode_board(b) for b in boards]))


def play_random_game(max_moves=BOARD_CELLS):
    board = [0] * BOARD_CELLS
    history = []
    player = 1
    for _ in range(max_moves):
        empty = [i for i, c in enumerate(board) if c == 0]
        if not empty:
            break
        board[random.choice(empty)] = player
        history.append((list(board), player))
        player = -player
    outcome = random.choice([-1.0, 0.0, 1.0])
    return history, outcome


def td_update(history, outcome, gamma=0.99):
    boards = [b for b, _ in history]
    states = to_state_tensor(boards)
    values = value_net(states).squeeze(-1)
    returns = torch.tensor([outcome * gamma ** (len(history) - 1 - t) for t in range(len(history))])
    loss = nn.functional.mse_loss(values, returns.float())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    for episode in range(2000):
        history, outcome = play_random_game()
        loss = td_update(history, outcome)
        if episode % 100 == 0:
            print(f"episode {episode}  value loss {loss:.4f}")
