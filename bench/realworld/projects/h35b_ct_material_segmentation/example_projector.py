# source: https://github.com/arcadelab/deepdrr/issues/18
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# needs: numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np

from load_dicom import load_dicom


def generate_projections_on_sphere(volume_path, save_path, thetas, phis):
    volume, materials, voxel_size = load_dicom(volume_path, use_thresholding_segmentation=False)
    print("volume", volume.shape, "materials", sorted(materials))
    projections = []
    for theta in thetas:
        for phi in phis:
            # simple parallel-beam line integral along a rotated axis as a placeholder projector
            axis = int(round((theta + phi) / 90.0)) % 3
            projections.append(np.exp(-volume.sum(axis=axis) * voxel_size[axis] * 0.02))
    np.save(save_path, np.stack([p[:64, :64] for p in projections]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dicompath")
    parser.add_argument("--out", default="projections.npy")
    args = parser.parse_args()
    thetas = np.arange(60, 121, 30)
    phis = np.arange(0, 91, 45)
    generate_projections_on_sphere(args.dicompath, args.out, thetas, phis)


if __name__ == "__main__":
    main()
