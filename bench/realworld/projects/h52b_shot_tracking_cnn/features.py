# source: https://stackoverflow.com/questions/66074684/runtimeerror-expected-scalar-type-double-but-found-float-in-pytorch-cnn-train
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper, loader-loop
# needs: numpy, pandas
# cpu: no written where torch was not installed; not run
"""Turn optical tracking CSVs (25 Hz) into fixed-length windows before each shot."""
import numpy as np
import pandas as pd

FPS = 25
WINDOW = 50  # two seconds before the release frame
COLS = ["ball_x", "ball_y", "ball_z", "shooter_x", "shooter_y", "defender_x", "defender_y"]


def add_kinematics(frames: pd.DataFrame) -> pd.DataFrame:
    frames = frames.sort_values("frame").copy()
    for axis in ("x", "y"):
        frames[f"shooter_v{axis}"] = frames[f"shooter_{axis}"].diff().fillna(0.0) * FPS
    frames["closeout_dist"] = np.hypot(
        frames["shooter_x"] - frames["defender_x"], frames["shooter_y"] - frames["defender_y"]
    )
    return frames


def shot_windows(tracking: pd.DataFrame, shots: pd.DataFrame):
    feature_cols = COLS + ["shooter_vx", "shooter_vy", "closeout_dist"]
    windows, labels = [], []
    for shot in shots.itertuples():
        seq = tracking[(tracking.game_id == shot.game_id) & (tracking.possession_id == shot.possession_id)]
        seq = add_kinematics(seq)
        seq = seq[seq.frame <= shot.release_frame].tail(WINDOW)
        if len(seq) < WINDOW:
            continue
        windows.append(seq[feature_cols].to_numpy().T)
        labels.append(shot.made)
    return np.stack(windows), np.asarray(labels)


def standardize(windows, mean=None, std=None):
    if mean is None:
        mean = windows.mean(axis=(0, 2), keepdims=True)
        std = windows.std(axis=(0, 2), keepdims=True) + 1e-6
    return (windows - mean) / std, mean, std
