# The camera pose read from the scene's JSON is made on the device of the ray
# directions it meets in the helper.
import json

import torch


def ray_directions(h, w, focal, device):
    j, i = torch.meshgrid(
        torch.arange(h, dtype=torch.float32, device=device),
        torch.arange(w, dtype=torch.float32, device=device),
        indexing="ij",
    )
    return torch.stack([(i - w / 2) / focal, -(j - h / 2) / focal, -torch.ones_like(i)], -1)


def scene_rays(path, device):
    meta = json.load(open(path))
    directions = ray_directions(400, 400, 555.0, device)
    out = []
    for frame in meta["frames"]:
        c2w = torch.tensor(frame["transform_matrix"], dtype=torch.float32, device=device)
        out.append(rotate(directions, c2w))
    return out


def rotate(directions, c2w):
    return directions @ c2w[:3, :3].T


if __name__ == "__main__":
    scene_rays("transforms_train.json", torch.device("cuda"))
