# source: https://github.com/yandex-research/rtdl-revisiting-models/issues/51
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, batch-dict, helper
# bug-lines: 13, 15
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def load_split(data_dir, part):
    x_num = np.load(f"{data_dir}/X_num_{part}.npy", allow_pickle=True).astype(float)
    y = np.load(f"{data_dir}/y_{part}.npy").astype(np.int64)
    return {"x_num": torch.from_numpy(x_num), "y": torch.from_numpy(y)}


def standardize(splits):
    mean = splits["train"]["x_num"].mean(0, keepdim=True)
    std = splits["train"]["x_num"].std(0, keepdim=True).clamp_min(1e-6)
    for part in splits.values():
        part["x_num"] = (part["x_num"] - mean) / std
    return splits


def load_dataset(data_dir):
    splits = {part: load_split(data_dir, part) for part in ("train", "val", "test")}
    return standardize(splits)


def iterate_batches(split, batch_size, shuffle, device):
    n = len(split["y"])
    order = torch.randperm(n) if shuffle else torch.arange(n)
    for idx in order.split(batch_size):
        yield {key: value[idx].to(device) for key, value in split.items()}
