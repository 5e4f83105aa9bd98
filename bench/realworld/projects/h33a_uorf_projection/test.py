# source: https://github.com/KovenYu/uORF/pull/16
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import ObjectRadianceModel


def make_orbit_poses(n_views=8, radius=12.0):
    poses = []
    for k in range(n_views):
        theta = 2 * torch.pi * k / n_views
        pose = torch.eye(4)
        pose[0, 3], pose[2, 3] = radius * torch.cos(torch.tensor(theta)), radius * torch.sin(torch.tensor(theta))
        poses.append(pose)
    return torch.stack(poses)


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = ObjectRadianceModel(device=device).to(device).eval()
    loader = DataLoader(TensorDataset(make_orbit_poses()), batch_size=2)
    with torch.no_grad():
        for (cam2world,) in loader:
            sigma, rgb, z_vals = model(cam2world.to(device))
            print(sigma.shape, rgb.shape, z_vals.shape)


if __name__ == "__main__":
    main()
