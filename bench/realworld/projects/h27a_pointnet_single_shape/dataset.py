# source: https://github.com/nikitakaraevv/pointnet/issues/14
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper, batch-dict
# bug-lines: 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np
import torch


def read_off(file):
    if file.readline().strip() != "OFF":
        raise ValueError("not a valid OFF header")
    n_verts, n_faces, _ = [int(s) for s in file.readline().strip().split(" ")]
    verts = [[float(s) for s in file.readline().strip().split(" ")] for _ in range(n_verts)]
    faces = [[int(s) for s in file.readline().strip().split(" ")][1:] for _ in range(n_faces)]
    return verts, faces


class PointSampler:
    def __init__(self, output_size):
        self.output_size = output_size

    def _triangle_area(self, a, b, c):
        side_a, side_b, side_c = np.linalg.norm(a - b), np.linalg.norm(b - c), np.linalg.norm(c - a)
        s = 0.5 * (side_a + side_b + side_c)
        return max(s * (s - side_a) * (s - side_b) * (s - side_c), 0) ** 0.5

    def __call__(self, mesh):
        verts, faces = mesh
        verts = np.array(verts)
        areas = [self._triangle_area(verts[f[0]], verts[f[1]], verts[f[2]]) for f in faces]
        picked = random.choices(faces, weights=areas, k=self.output_size)
        points = np.zeros((self.output_size, 3))
        for i, face in enumerate(picked):
            s, t = sorted([random.random(), random.random()])
            a, b, c = verts[face[0]], verts[face[1]], verts[face[2]]
            points[i] = s * a + (t - s) * b + (1 - t) * c
        return points


class Normalize:
    def __call__(self, pointcloud):
        centered = pointcloud - np.mean(pointcloud, axis=0)
        return centered / np.max(np.linalg.norm(centered, axis=1))


class ToTensor:
    def __call__(self, pointcloud):
        return torch.from_numpy(pointcloud)


def default_transforms(num_points=1024):
    steps = [PointSampler(num_points), Normalize(), ToTensor()]

    def apply(mesh):
        out = mesh
        for step in steps:
            out = step(out)
        return {"pointcloud": out}

    return apply
