# source: https://github.com/open-mmlab/mmdetection3d/issues/786
# error: RuntimeError: expected scalar type Half but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, helper
# needs: numpy
# cpu: no written where torch was not installed; not run
import numpy as np


class PillarVoxelizer:
    """Groups lidar points (x, y, z, intensity) into vertical pillars on the host."""

    def __init__(self, voxel_size=(0.16, 0.16), pc_range=(0.0, -39.68, -3.0, 69.12, 39.68, 1.0),
                 max_points=32, max_pillars=12000):
        self.voxel_size = np.asarray(voxel_size, dtype=np.float32)
        self.pc_range = np.asarray(pc_range, dtype=np.float32)
        self.max_points, self.max_pillars = max_points, max_pillars
        self.grid = np.round((self.pc_range[3:5] - self.pc_range[:2]) / self.voxel_size).astype(np.int64)

    def __call__(self, points):
        mask = np.all((points[:, :3] >= self.pc_range[:3]) & (points[:, :3] < self.pc_range[3:]), axis=1)
        points = points[mask]
        ij = ((points[:, :2] - self.pc_range[:2]) / self.voxel_size).astype(np.int64)
        keys = ij[:, 1] * self.grid[0] + ij[:, 0]
        uniq, inverse = np.unique(keys, return_inverse=True)
        uniq, n = uniq[:self.max_pillars], min(len(uniq), self.max_pillars)
        pillars = np.zeros((n, self.max_points, 4), dtype=np.float32)
        counts = np.zeros(n, dtype=np.int64)
        for p, v in zip(points, inverse):
            if v < n and counts[v] < self.max_points:
                pillars[v, counts[v]] = p
                counts[v] += 1
        coords = np.stack([uniq // self.grid[0], uniq % self.grid[0]], axis=1)  # (y, x)
        return pillars, coords, counts


def collate_pillars(samples):
    pillars, coords, counts = [], [], []
    for b, (p, c, n) in enumerate(samples):
        pillars.append(p)
        coords.append(np.concatenate([np.full((len(c), 1), b), c], axis=1))
        counts.append(n)
    return {'pillars': np.concatenate(pillars), 'coords': np.concatenate(coords),
            'num_points': np.concatenate(counts), 'batch_size': len(samples)}
