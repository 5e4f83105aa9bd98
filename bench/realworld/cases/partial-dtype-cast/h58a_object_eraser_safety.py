# source: https://github.com/chenfei-wu/TaskMatrix/issues/411
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: class
# bug-lines: 30, 34
# needs: torch, numpy, diffusers, pillow
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
from diffusers import StableDiffusionInpaintPipeline
from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker
from PIL import Image

INPAINT_MODEL = "runwayml/stable-diffusion-inpainting"
SAFETY_MODEL = "CompVis/stable-diffusion-safety-checker"


def box_mask(size, box, feather=8):
    mask = np.zeros((size[1], size[0]), dtype=np.uint8)
    x0, y0, x1, y1 = box
    mask[max(0, y0 - feather):y1 + feather, max(0, x0 - feather):x1 + feather] = 255
    return Image.fromarray(mask)


class ObjectEraser:
    def __init__(self, device="cuda:0"):
        self.device = device
        self.torch_dtype = torch.float16 if "cuda" in device else torch.float32
        checker = StableDiffusionSafetyChecker.from_pretrained(SAFETY_MODEL)
        self.pipe = StableDiffusionInpaintPipeline.from_pretrained(
            INPAINT_MODEL,
            torch_dtype=self.torch_dtype,
            safety_checker=checker,
        ).to(device)

    def erase(self, image_path, box, fill_prompt="empty background, seamless", steps=40):
        image = Image.open(image_path).convert("RGB")
        w, h = image.size
        scale = 512 / max(w, h)
        size = (int(w * scale) // 8 * 8, int(h * scale) // 8 * 8)
        image = image.resize(size)
        mask = box_mask(size, [int(c * scale) for c in box])
        out = self.pipe(
            prompt=fill_prompt,
            image=image,
            mask_image=mask,
            height=size[1],
            width=size[0],
            num_inference_steps=steps,
        )
        if out.nsfw_content_detected and out.nsfw_content_detected[0]:
            raise RuntimeError("result flagged by the safety checker")
        return out.images[0].resize((w, h))


if __name__ == "__main__":
    eraser = ObjectEraser("cuda:0")
    eraser.erase("image/street.png", box=(120, 200, 260, 410)).save("image/street_erased.png")
