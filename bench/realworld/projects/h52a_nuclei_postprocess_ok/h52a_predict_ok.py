# source: https://github.com/huggingface/transformers/issues/43072
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, tifffile
# cpu: no written where torch was not installed; not run
"""Tile-wise nucleus probability prediction on a whole fluorescence image."""
import sys

import numpy as np
import tifffile
import torch
import torch.nn as nn

from h52a_postprocess_ok import instance_table, label_instances


def tile_image(img, tile=256):
    h, w = (img.shape[0] // tile) * tile, (img.shape[1] // tile) * tile
    img = img[:h, :w]
    tiles = img.reshape(h // tile, tile, w // tile, tile).swapaxes(1, 2).reshape(-1, tile, tile)
    return torch.from_numpy(tiles.astype(np.float32))[:, None], (h // tile, w // tile)


@torch.no_grad()
def predict_tiles(model, tiles, device, batch_size=8):
    model.eval()
    probs = []
    for start in range(0, tiles.shape[0], batch_size):
        batch = tiles[start:start + batch_size].to(device)
        logits = model(batch)
        probs.append(torch.sigmoid(logits).cpu())
    return torch.cat(probs)


def main(path, weights):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 1, 1))
    model.load_state_dict(torch.load(weights, map_location=device))
    model.to(device)
    img = tifffile.imread(path).astype(np.float32)
    img = (img - img.mean()) / (img.std() + 1e-6)
    tiles, grid = tile_image(img)
    prob = predict_tiles(model, tiles, device)
    rows = []
    for k in range(prob.shape[0]):
        labels = label_instances(prob[k, 0])
        rows += instance_table(labels, tiles[k, 0].numpy(), tile_index=k)
    print(f"{len(rows)} nuclei in {grid[0] * grid[1]} tiles")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
