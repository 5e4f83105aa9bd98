# source: https://github.com/yilundu/generals_a3c/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, class, loader-loop
# needs: numpy
# cpu: no written where torch was not installed; not run
import os

import numpy as np


def load_replays(data_dir):
    """Replays preprocessed by generate_data.py: board tensors plus the expert's move."""
    boards = np.load(os.path.join(data_dir, "data_x.npz"), allow_pickle=True)["arr_0"]
    starts = np.load(os.path.join(data_dir, "data_y.npz"), allow_pickle=True)["arr_0"]
    ends = np.load(os.path.join(data_dir, "data_z.npz"), allow_pickle=True)["arr_0"]
    return boards, starts, ends


def iterate_games(boards, starts, ends, min_turns=4):
    """Yield one (turns, channels, h, w) board stack per replay chunk with its move labels."""
    for game_boards, game_starts, game_ends in zip(boards, starts, ends):
        for chunk, start_idx, end_idx in zip(game_boards, game_starts, game_ends):
            if chunk.ndim < 4 or chunk.shape[0] < min_turns:
                continue
            yield chunk.astype(np.float32), np.asarray(start_idx), np.asarray(end_idx)
