# source: https://github.com/huggingface/transformers/issues/43072
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# looks-like: numpy-of-device-tensor
# needs: numpy, scikit-image
# cpu: no written where torch was not installed; not run
"""Turn nucleus probability maps into labelled instances and per-cell measurements."""
import numpy as np
from skimage import measure, morphology, segmentation


def label_instances(prob_map, thresh=0.5, min_size=30):
    """prob_map: (H, W) torch tensor of per-pixel nucleus probability."""
    prob = prob_map.numpy()
    binary = morphology.binary_opening(prob > thresh, morphology.disk(2))
    markers = measure.label(morphology.h_maxima(prob, 0.1) & binary)
    labels = segmentation.watershed(-prob, markers, mask=binary)
    return morphology.remove_small_objects(labels, min_size=min_size)


def instance_table(labels, intensity, tile_index=0):
    rows = []
    for region in measure.regionprops(labels, intensity_image=intensity):
        rows.append({
            "tile": tile_index,
            "label": int(region.label),
            "area": int(region.area),
            "centroid_y": float(region.centroid[0]),
            "centroid_x": float(region.centroid[1]),
            "mean_intensity": float(np.asarray(region.mean_intensity)),
            "eccentricity": float(region.eccentricity),
        })
    return rows
