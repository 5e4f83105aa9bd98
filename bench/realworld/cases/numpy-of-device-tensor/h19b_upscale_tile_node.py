# source: https://github.com/ssitu/ComfyUI_UltimateSDUpscale/pull/153
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from PIL import Image, ImageFilter


def tensor_to_pil(img_tensor, batch_index=0):
    # ComfyUI IMAGE: [B, H, W, C] float in 0..1, may live on the GPU after upscaling
    arr = 255.0 * img_tensor[batch_index].detach().cpu().numpy()
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def pil_to_tensor(image, device):
    arr = np.array(image).astype(np.float32) / 255.0
    return torch.from_numpy(arr).unsqueeze(0).to(device)


class TiledUpscaleNode:
    @classmethod
    def INPUT_TYPES(cls):
        return {"required": {"image": ("IMAGE",), "upscale_model": ("UPSCALE_MODEL",),
                             "tile_size": ("INT", {"default": 512}), "mask_blur": ("INT", {"default": 8})}}

    RETURN_TYPES = ("IMAGE",)
    FUNCTION = "upscale"
    CATEGORY = "image/upscaling"

    def upscale(self, image, upscale_model, tile_size, mask_blur):
        device = next(upscale_model.parameters()).device
        base = tensor_to_pil(image)
        scale = 4
        canvas = base.resize((base.width * scale, base.height * scale), Image.LANCZOS)
        for top in range(0, base.height, tile_size):
            for left in range(0, base.width, tile_size):
                box = (left, top, min(left + tile_size, base.width), min(top + tile_size, base.height))
                tile = pil_to_tensor(base.crop(box), device).permute(0, 3, 1, 2)
                with torch.no_grad():
                    up = upscale_model(tile).clamp(0, 1).permute(0, 2, 3, 1)
                up_img = tensor_to_pil(up)
                mask = Image.new("L", up_img.size, 255).filter(ImageFilter.GaussianBlur(mask_blur))
                canvas.paste(up_img, (box[0] * scale, box[1] * scale), mask)
        return (pil_to_tensor(canvas, "cpu"),)


NODE_CLASS_MAPPINGS = {"TiledUpscaleNode": TiledUpscaleNode}
