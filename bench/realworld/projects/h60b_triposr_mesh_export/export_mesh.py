# source: https://github.com/iffyloop/TripoSR-Bake/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class
# bug-lines: 28, 33
# needs: torch, numpy, scikit-image
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
from skimage import measure

from grid_utils import grid_to_world, sample_density_grid
from triplane_nerf import TriplaneNeRF


def write_obj(path, verts, faces, colors):
    with open(path, "w") as f:
        for v, c in zip(verts, colors):
            f.write(f"v {v[0]:.5f} {v[1]:.5f} {v[2]:.5f} {c[0]:.4f} {c[1]:.4f} {c[2]:.4f}\n")
        for tri in faces + 1:
            f.write(f"f {tri[0]} {tri[1]} {tri[2]}\n")


def run_mesh(model, resolution, threshold):
    grid = sample_density_grid(model, resolution)
    verts, faces, _, _ = measure.marching_cubes(grid.numpy(), level=threshold)
    verts = grid_to_world(verts, resolution, model.radius).astype(np.float32)
    device = next(model.parameters()).device
    with torch.no_grad():
        colors = model.query_color(torch.from_numpy(verts).to(device))
    return verts, faces, colors.detach().numpy()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="tsr_scene.pt")
    parser.add_argument("--resolution", type=int, default=256)
    parser.add_argument("--threshold", type=float, default=25.0)
    parser.add_argument("--out", default="mesh.obj")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = TriplaneNeRF()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model.to(device).eval()
    verts, faces, colors = run_mesh(model, args.resolution, args.threshold)
    write_obj(args.out, verts, faces, colors)
    print(f"wrote {len(verts)} vertices / {len(faces)} faces to {args.out}")


if __name__ == "__main__":
    main()
