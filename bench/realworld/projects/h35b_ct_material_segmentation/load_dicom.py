# source: https://github.com/arcadelab/deepdrr/issues/18
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import os

import numpy as np

from segmentation import SegmentationNetwork

_segmentation_network = None


def conv_hu_to_density(hu_values):
    return np.maximum(0.001029 * hu_values + 0.999, 0.0)


def conv_hu_to_materials(hu_values):
    global _segmentation_network
    print("segmenting volume with Vnet")
    if _segmentation_network is None:
        _segmentation_network = SegmentationNetwork(os.environ.get("VNET_WEIGHTS"))
    soft = _segmentation_network.segment(hu_values)
    labels = soft.argmax(axis=0)
    return {"air": labels == 0, "soft tissue": labels == 1, "bone": labels == 2}


def load_dicom(volume_path, use_thresholding_segmentation=False):
    # the series was exported to a single .npy stack with the spacing in a side file
    hu_values = np.load(os.path.join(volume_path, "volume_hu.npy"))
    voxel_size = np.loadtxt(os.path.join(volume_path, "spacing.txt"))
    if use_thresholding_segmentation:
        materials = {"air": hu_values < -800, "bone": hu_values > 350}
        materials["soft tissue"] = ~(materials["air"] | materials["bone"])
    else:
        materials = conv_hu_to_materials(hu_values)
    return conv_hu_to_density(hu_values), materials, voxel_size
