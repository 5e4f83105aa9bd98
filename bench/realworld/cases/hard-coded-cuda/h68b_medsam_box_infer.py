# source: https://github.com/bowang-lab/MedSAM/pull/15
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper
# bug-lines: 22, 35
# needs: torch, numpy, segment_anything, skimage
# cpu: no written where torch was not installed; not run
"""Box-prompted MedSAM inference on a single CT/MR slice (command line tool)."""
import argparse

import numpy as np
import torch
import torch.nn.functional as F
from segment_anything import sam_model_registry
from skimage import io, transform


def load_medsam(checkpoint):
    model = sam_model_registry["vit_b"](checkpoint=None)
    state = torch.load(checkpoint, map_location="cpu")
    model.load_state_dict(state)
    model = model.to("cuda:0")
    model.eval()
    return model


def preprocess(path):
    img = io.imread(path)
    if img.ndim == 2:
        img = np.repeat(img[:, :, None], 3, axis=-1)
    h, w = img.shape[:2]
    img_1024 = transform.resize(img, (1024, 1024), order=3, preserve_range=True, anti_aliasing=True)
    img_1024 = (img_1024 - img_1024.min()) / np.clip(img_1024.max() - img_1024.min(), 1e-8, None)
    tensor = torch.tensor(img_1024).float().permute(2, 0, 1).unsqueeze(0)
    return tensor.to("cuda:0"), (h, w)


@torch.no_grad()
def segment(model, image_1024, box_1024, orig_hw):
    embedding = model.image_encoder(image_1024)
    box = torch.as_tensor(box_1024, dtype=torch.float, device=embedding.device)[None, None, :]
    sparse, dense = model.prompt_encoder(points=None, boxes=box, masks=None)
    low_res, _ = model.mask_decoder(
        image_embeddings=embedding,
        image_pe=model.prompt_encoder.get_dense_pe(),
        sparse_prompt_embeddings=sparse,
        dense_prompt_embeddings=dense,
        multimask_output=False,
    )
    prob = torch.sigmoid(F.interpolate(low_res, size=orig_hw, mode="bilinear", align_corners=False))
    return (prob.squeeze().cpu().numpy() > 0.5).astype(np.uint8)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-i", "--image", required=True)
    parser.add_argument("--box", type=int, nargs=4, required=True, help="x0 y0 x1 y1")
    parser.add_argument("--ckpt", default="work_dir/MedSAM/medsam_vit_b.pth")
    parser.add_argument("-o", "--out", default="seg.png")
    args = parser.parse_args()

    model = load_medsam(args.ckpt)
    image_1024, (h, w) = preprocess(args.image)
    box_1024 = np.array(args.box) / np.array([w, h, w, h]) * 1024
    mask = segment(model, image_1024, box_1024, (h, w))
    io.imsave(args.out, mask * 255, check_contrast=False)


if __name__ == "__main__":
    main()
