# source: https://github.com/DepthAnything/Depth-Anything-V2/issues/264
# error: RuntimeError: Input type (float) and bias type (struct c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def image2tensor(raw_image, input_size=154):
    h, w = raw_image.shape[:2]
    image = raw_image[: h - h % 14, : w - w % 14, ::-1].astype(np.float32) / 255.0
    image = (image - MEAN) / STD
    tensor = torch.from_numpy(np.ascontiguousarray(image.transpose(2, 0, 1)))
    return tensor.unsqueeze(0), (h, w)
