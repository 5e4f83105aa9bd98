# source: https://github.com/jankolf/ser-fiq-pytorch/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, class
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch


def read_aligned_face(path, size=112):
    # stands in for cv2.imread + alignment; returns HxWx3 uint8
    rng = np.random.default_rng(abs(hash(path)) % (2 ** 32))
    return rng.integers(0, 256, size=(size, size, 3), dtype=np.uint8)


def load_face(path):
    img = read_aligned_face(path)
    img = img[:, :, ::-1].astype(np.float32)
    tensor = torch.from_numpy(img.copy()).permute(2, 0, 1)
    tensor = (tensor / 255.0 - 0.5) / 0.5
    return tensor.unsqueeze(0)
