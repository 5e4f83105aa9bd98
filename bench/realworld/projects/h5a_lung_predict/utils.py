# source: https://github.com/raghavian/lungVAE/issues/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# bug-lines: 19
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch.nn.functional as F


def post_process(mask, threshold=0.5):
    return (mask > threshold).astype(np.uint8)


def save_mask(path, img, h, w, h_loc, w_loc, im_h, im_w, no_post=False):
    """Undo the padding/resize done in load_image and write the mask."""
    img = F.interpolate(img[None, None], size=(h, w), mode="bilinear")[0, 0]
    img = img.data.numpy()
    full = np.zeros((im_h, im_w), dtype=np.float32)
    full[h_loc:h_loc + h, w_loc:w_loc + w] = img
    if not no_post:
        full = post_process(full)
    np.save(path, full)
    return full
