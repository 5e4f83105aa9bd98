# source: https://github.com/jaybutera/tetrisRL/pull/3
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class
# needs: numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np

SHAPES = {
    "I": [(0, 0), (0, 1), (0, 2), (0, 3)], "O": [(0, 0), (0, 1), (1, 0), (1, 1)],
    "T": [(0, 0), (0, 1), (0, 2), (1, 1)], "S": [(0, 1), (0, 2), (1, 0), (1, 1)],
    "Z": [(0, 0), (0, 1), (1, 1), (1, 2)], "L": [(0, 0), (1, 0), (2, 0), (2, 1)],
}
ACTIONS = ("left", "right", "hard_drop", "soft_drop", "rotate_left", "rotate_right")


class TetrisEngine:
    def __init__(self, width=10, height=20):
        self.width, self.height = width, height
        self.board = np.zeros((height, width), dtype=np.float32)
        self.clear()

    def clear(self):
        self.board[:] = 0
        self._spawn()
        return self._observe()

    def _spawn(self):
        self.cells = list(SHAPES[random.choice(list(SHAPES))])
        self.row, self.col = 0, self.width // 2 - 1

    def _fits(self, cells, row, col):
        return all(0 <= row + r < self.height and 0 <= col + c < self.width
                   and self.board[row + r, col + c] == 0 for r, c in cells)

    def _observe(self):
        obs = self.board.copy()
        for r, c in self.cells:
            obs[self.row + r, self.col + c] = 1
        return obs

    def step(self, action):
        name = ACTIONS[action]
        dc = {"left": -1, "right": 1}.get(name, 0)
        if dc and self._fits(self.cells, self.row, self.col + dc):
            self.col += dc
        if name.startswith("rotate"):
            rotated = [(c, -r) if name == "rotate_right" else (-c, r) for r, c in self.cells]
            rmin, cmin = min(r for r, _ in rotated), min(c for _, c in rotated)
            rotated = [(r - rmin, c - cmin) for r, c in rotated]
            if self._fits(rotated, self.row, self.col):
                self.cells = rotated
        while name == "hard_drop" and self._fits(self.cells, self.row + 1, self.col):
            self.row += 1
        if self._fits(self.cells, self.row + 1, self.col):
            self.row += 1
            return self._observe(), 0.0, False
        for r, c in self.cells:
            self.board[self.row + r, self.col + c] = 1
        full = self.board.all(axis=1)
        self.board = np.vstack([np.zeros((int(full.sum()), self.width), np.float32), self.board[~full]])
        self._spawn()
        return self._observe(), float(full.sum()) * 10.0 + 1.0, not self._fits(self.cells, self.row, self.col)

    def __str__(self):
        return "\n".join("".join("#" if v else "." for v in row) for row in self._observe())
